package org.bnn4j.runtime.engine;

/**
 * Ternary weights on binary inputs, two bit-planes: over the +1 positions P,
 * {@code sum(x) = |P| - 2 * popcount(x AND P)} (x's 1 bits are -1), likewise for the -1 positions N, and
 * {@code acc = sum_P - sum_N}, or {@code wp * sum_P - wn * sum_N} with TTQ scales. |P| and |N| per tap are
 * counted once at load, so zero-padded taps drop out exactly.
 */
final class TernaryBitKernel implements LinearKernel {
    private final long[] plus;
    private final long[] minus;
    private final float[] wp;
    private final float[] wn;
    private final int taps;
    private final int wordsPerTap;
    private final int rowWords;
    private final int[] plusPerTap;
    private final int[] minusPerTap;

    /** @param wp null for unscaled weights (integer accumulator) */
    TernaryBitKernel(long[] plus, long[] minus, float[] wp, float[] wn, int nOut, int taps, int wordsPerTap) {
        this.plus = plus;
        this.minus = minus;
        this.wp = wp;
        this.wn = wn;
        this.taps = taps;
        this.wordsPerTap = wordsPerTap;
        this.rowWords = taps * wordsPerTap;
        this.plusPerTap = BitCounts.perRow(plus, nOut * taps, wordsPerTap);
        this.minusPerTap = BitCounts.perRow(minus, nOut * taps, wordsPerTap);
    }

    @Override
    public boolean integerAccumulator() {
        return wp == null;
    }

    @Override
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        for (int k = 0; k < count; k++) {
            accumulate(patches[k], oFrom, oTo, acc.ints[k], acc.floats[k]);
        }
    }

    private void accumulate(Patch patch, int oFrom, int oTo, int[] ints, float[] floats) {
        long[] x = patch.bits;
        for (int o = oFrom; o < oTo; o++) {
            int base = o * rowWords;
            int plusCount = 0;
            int minusCount = 0;
            int plusNegative = 0;
            int minusNegative = 0;
            for (int v = 0; v < patch.validCount; v++) {
                int tap = patch.validTaps[v];
                plusCount += plusPerTap[o * taps + tap];
                minusCount += minusPerTap[o * taps + tap];
                int off = tap * wordsPerTap;
                for (int j = 0; j < wordsPerTap; j++) {
                    long xj = x[off + j];
                    plusNegative += Long.bitCount(xj & plus[base + off + j]);
                    minusNegative += Long.bitCount(xj & minus[base + off + j]);
                }
            }
            int sumPlus = plusCount - 2 * plusNegative;
            int sumMinus = minusCount - 2 * minusNegative;
            if (wp == null) {
                ints[o] = sumPlus - sumMinus;
            } else {
                floats[o] = wp[o] * sumPlus - wn[o] * sumMinus;
            }
        }
    }
}
