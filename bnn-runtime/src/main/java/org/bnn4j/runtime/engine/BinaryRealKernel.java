package org.bnn4j.runtime.engine;

/**
 * Binary weights on real inputs (a first layer that sees pixels): {@code acc = sum(x) - 2 * sum(x where w = -1)};
 * {@code sum(x)} is shared by all output channels and the masked sums come from {@link RealPlaneSums} (a byte
 * table per group of 8 inputs when many channels share the input).
 */
final class BinaryRealKernel implements LinearKernel {
    private final int length;
    private final RealPlaneSums minusOnes;

    /** @param minusOnes sums over the weights' -1 positions */
    BinaryRealKernel(RealPlaneSums minusOnes, int taps, int channels) {
        this.length = taps * channels;
        this.minusOnes = minusOnes;
    }

    @Override
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        for (int k = 0; k < count; k++) {
            float[] x = patches[k].reals;
            float total = 0f;
            for (int i = 0; i < length; i++) {
                total += x[i];
            }
            float[] out = acc.floats[k];
            minusOnes.sums(x, oFrom, oTo, out, acc);
            for (int o = oFrom; o < oTo; o++) {
                out[o] = total - 2f * out[o];
            }
        }
    }
}
