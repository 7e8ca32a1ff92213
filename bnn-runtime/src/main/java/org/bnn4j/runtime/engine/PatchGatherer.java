package org.bnn4j.runtime.engine;

/** Fills a {@link Patch} with the inputs of output position (oy, ox). */
interface PatchGatherer {

    /** A patch with this gatherer's scratch buffers, for one thread. */
    Patch newPatch();

    void gather(Workspace ws, int oy, int ox, Patch patch);
}
