package org.bnn4j.runtime.engine;

/**
 * Binary weights on real inputs (a first layer that sees pixels): {@code acc = sum(x) - 2 * sum(x where w = -1)};
 * {@code sum(x)} is shared by all output channels and the masked sums come from {@link RealPlaneSums} (a byte
 * table per patch when many channels share it).
 */
final class BinaryRealKernel implements LinearKernel {
    private final long[] weights;
    private final int length;
    private final int rowWords;
    private final RealPlaneSums sums;

    /** @param weights {@code [nOut][taps][wordsPerTap]} */
    BinaryRealKernel(long[] weights, int taps, int wordsPerTap, RealPlaneSums sums, int channels) {
        this.weights = weights;
        this.length = taps * channels;
        this.rowWords = taps * wordsPerTap;
        this.sums = sums;
    }

    @Override
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        for (int k = 0; k < count; k++) {
            float[] x = patches[k].reals;
            float total = 0f;
            for (int i = 0; i < length; i++) {
                total += x[i];
            }
            float[] table = sums.prepare(x, acc);
            float[] out = acc.floats[k];
            for (int o = oFrom; o < oTo; o++) {
                out[o] = total - 2f * sums.sum(x, table, weights, o * rowWords);
            }
        }
    }
}
