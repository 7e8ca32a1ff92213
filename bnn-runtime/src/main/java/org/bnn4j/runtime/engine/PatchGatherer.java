package org.bnn4j.runtime.engine;

/** Fills a {@link Patch} with the inputs of output position (oy, ox). */
interface PatchGatherer {

    /** A patch with this gatherer's scratch buffers, for one thread. */
    Patch newPatch();

    /** Bytes of the buffers {@link #newPatch()} allocates (0 where a patch is the input itself). */
    long patchBytes();

    void gather(Workspace ws, int oy, int ox, Patch patch);
}
