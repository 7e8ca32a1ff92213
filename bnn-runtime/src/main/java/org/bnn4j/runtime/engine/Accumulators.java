package org.bnn4j.runtime.engine;

/**
 * One task's scratch for a dense or convolution op: the accumulators of a tile of output positions (integers for
 * XNOR and unscaled ternary kernels, floats otherwise) and whatever table a kernel builds per patch. Never shared
 * between threads.
 */
final class Accumulators {
    final int[][] ints;
    final float[][] floats;
    /** The packed rows of the tile's patches, for {@link BitGemm}. */
    final long[][] bitRows;
    private float[] table;
    private float[] spare;

    Accumulators(int rows, int channels, boolean integer) {
        bitRows = new long[rows][];
        ints = new int[rows][integer ? channels : 0];
        floats = new float[rows][integer ? 0 : channels];
    }

    /** A second row of at least {@code size} floats, reused between calls (a kernel's intermediate sums). */
    float[] spare(int size) {
        if (spare == null || spare.length < size) {
            spare = new float[size];
        }
        return spare;
    }

    /** A table of at least {@code size} floats, reused between calls. */
    float[] table(int size) {
        if (table == null || table.length < size) {
            table = new float[size];
        }
        return table;
    }
}
