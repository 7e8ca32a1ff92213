package org.bnn4j.runtime.engine;

/**
 * Ternary weights on real inputs: {@code acc = sum(x where +1) - sum(x where -1)}, or
 * {@code wp * sum(x where +1) - wn * sum(x where -1)} with TTQ scales.
 */
final class TernaryRealKernel implements LinearKernel {
    private final long[] plus;
    private final long[] minus;
    private final float[] wp;
    private final float[] wn;
    private final int channels;
    private final int taps;
    private final int wordsPerTap;

    /** @param wp null for unscaled weights */
    TernaryRealKernel(long[] plus, long[] minus, float[] wp, float[] wn, int channels, int taps, int wordsPerTap) {
        this.plus = plus;
        this.minus = minus;
        this.wp = wp;
        this.wn = wn;
        this.channels = channels;
        this.taps = taps;
        this.wordsPerTap = wordsPerTap;
    }

    @Override
    public void accumulate(Patch patch, int oFrom, int oTo, int[] ints, float[] floats) {
        float[] x = patch.reals;
        for (int o = oFrom; o < oTo; o++) {
            int row = o * taps * wordsPerTap;
            float sumPlus = RealPlaneSums.sum(x, plus, row, taps, channels, wordsPerTap);
            float sumMinus = RealPlaneSums.sum(x, minus, row, taps, channels, wordsPerTap);
            floats[o] = wp == null ? sumPlus - sumMinus : wp[o] * sumPlus - wn[o] * sumMinus;
        }
    }
}
