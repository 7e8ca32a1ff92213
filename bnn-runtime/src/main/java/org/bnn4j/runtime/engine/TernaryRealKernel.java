package org.bnn4j.runtime.engine;

/**
 * Ternary weights on real inputs: {@code acc = sum(x where +1) - sum(x where -1)}, or
 * {@code wp * sum(x where +1) - wn * sum(x where -1)} with TTQ scales; the masked sums come from
 * {@link RealPlaneSums}, one per bit-plane.
 */
final class TernaryRealKernel implements LinearKernel {
    private final RealPlaneSums plus;
    private final RealPlaneSums minus;
    private final float[] wp;
    private final float[] wn;

    /** @param wp null for unscaled weights */
    TernaryRealKernel(RealPlaneSums plus, RealPlaneSums minus, float[] wp, float[] wn) {
        this.plus = plus;
        this.minus = minus;
        this.wp = wp;
        this.wn = wn;
    }

    @Override
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        float[] minusSums = acc.spare(acc.floats[0].length);
        for (int k = 0; k < count; k++) {
            float[] x = patches[k].reals;
            float[] out = acc.floats[k];
            plus.sums(x, oFrom, oTo, out, acc);
            minus.sums(x, oFrom, oTo, minusSums, acc);
            for (int o = oFrom; o < oTo; o++) {
                out[o] = wp == null ? out[o] - minusSums[o] : wp[o] * out[o] - wn[o] * minusSums[o];
            }
        }
    }
}
