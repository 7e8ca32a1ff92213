package org.bnn4j.runtime.engine;

/**
 * Binary weights on real inputs (a first layer that sees pixels): {@code acc = sum(x) - 2 * sum(x where w = -1)},
 * walking only the set bits of each weight word; {@code sum(x)} is shared by all output channels.
 */
final class BinaryRealKernel implements LinearKernel {
    private final long[] weights;
    private final int channels;
    private final int taps;
    private final int wordsPerTap;

    /** @param weights {@code [nOut][taps][wordsPerTap]} */
    BinaryRealKernel(long[] weights, int channels, int taps, int wordsPerTap) {
        this.weights = weights;
        this.channels = channels;
        this.taps = taps;
        this.wordsPerTap = wordsPerTap;
    }

    @Override
    public void accumulate(Patch patch, int oFrom, int oTo, int[] ints, float[] floats) {
        float[] x = patch.reals;
        int length = taps * channels;
        float total = 0f;
        for (int i = 0; i < length; i++) {
            total += x[i];
        }
        for (int o = oFrom; o < oTo; o++) {
            floats[o] = total - 2f * RealPlaneSums.sum(x, weights, o * taps * wordsPerTap, taps, channels, wordsPerTap);
        }
    }
}
