package org.bnn4j.runtime.engine;

/**
 * Ternary weights on real inputs: {@code acc = sum(x where +1) - sum(x where -1)}, or
 * {@code wp * sum(x where +1) - wn * sum(x where -1)} with TTQ scales; the masked sums come from
 * {@link RealPlaneSums}.
 */
final class TernaryRealKernel implements LinearKernel {
    private final long[] plus;
    private final long[] minus;
    private final float[] wp;
    private final float[] wn;
    private final int rowWords;
    private final RealPlaneSums sums;

    /** @param wp null for unscaled weights */
    TernaryRealKernel(long[] plus, long[] minus, float[] wp, float[] wn, int taps, int wordsPerTap, RealPlaneSums sums) {
        this.plus = plus;
        this.minus = minus;
        this.wp = wp;
        this.wn = wn;
        this.rowWords = taps * wordsPerTap;
        this.sums = sums;
    }

    @Override
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        for (int k = 0; k < count; k++) {
            float[] x = patches[k].reals;
            float[] table = sums.prepare(x, acc);
            float[] out = acc.floats[k];
            for (int o = oFrom; o < oTo; o++) {
                int row = o * rowWords;
                float sumPlus = sums.sum(x, table, plus, row);
                float sumMinus = sums.sum(x, table, minus, row);
                out[o] = wp == null ? sumPlus - sumMinus : wp[o] * sumPlus - wn[o] * sumMinus;
            }
        }
    }
}
