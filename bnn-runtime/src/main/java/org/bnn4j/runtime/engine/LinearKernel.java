package org.bnn4j.runtime.engine;

/**
 * Computes the accumulators of output channels {@code [oFrom, oTo)} for one patch: integers (into {@code ints})
 * for sign inputs with binary or unscaled ternary weights, floats (into {@code floats}) otherwise. Channel ranges
 * let a caller split the work between threads without changing the kernel.
 */
interface LinearKernel {

    /** Whether the accumulators are integers (written to {@code ints}) rather than floats. */
    default boolean integerAccumulator() {
        return false;
    }

    void accumulate(Patch patch, int oFrom, int oTo, int[] ints, float[] floats);
}
