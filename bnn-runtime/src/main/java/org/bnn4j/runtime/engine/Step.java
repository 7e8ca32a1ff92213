package org.bnn4j.runtime.engine;

/** One step of an execution plan: an op's kernel or a conversion between float and bit form. */
interface Step {
    void run(Workspace ws);

    /**
     * Runs the step for every example of a block. Steps whose work can be shared across examples or split between
     * threads (dense and convolution ops) override this; the others run example by example.
     */
    default void run(Workspace[] block, Parallelism parallelism) {
        for (Workspace ws : block) {
            run(ws);
        }
    }

    /** Bytes of scratch one task of this step allocates besides its output (for the plan's memory limit). */
    default long scratchBytes() {
        return 0;
    }
}
