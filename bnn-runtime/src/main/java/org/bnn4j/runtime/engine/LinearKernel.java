package org.bnn4j.runtime.engine;

/**
 * Computes the accumulators of output channels {@code [oFrom, oTo)} for a tile of patches: integers (into
 * {@code acc.ints[k]} for patch {@code k}) for sign inputs with binary or unscaled ternary weights, floats (into
 * {@code acc.floats[k]}) otherwise. Channel ranges and tiles let a caller split the work between threads without
 * changing the kernel; kernels that can reuse loaded words across patches (XNOR) do so over the tile.
 */
interface LinearKernel {

    /** Whether the accumulators are integers (written to {@code ints}) rather than floats. */
    default boolean integerAccumulator() {
        return false;
    }

    void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc);
}
