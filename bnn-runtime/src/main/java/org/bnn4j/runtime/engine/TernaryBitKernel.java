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
    private final int rowWords;
    private final int[] plusPerTap;
    private final int[] minusPerTap;
    /** |P| and |N| of each output channel over all taps. */
    private final int[] plusTotal;
    private final int[] minusTotal;

    /**
     * @param wp      null for unscaled weights (integer accumulator)
     * @param compact whether the patches are compact ({@link BitLayout#compactTaps}); both planes are repacked alike
     */
    TernaryBitKernel(long[] plus, long[] minus, float[] wp, float[] wn, int nOut, int taps, int channels,
                     int wordsPerTap, boolean compact) {
        this.wp = wp;
        this.wn = wn;
        this.taps = taps;
        this.plusPerTap = BitCounts.perRow(plus, nOut * taps, wordsPerTap);
        this.minusPerTap = BitCounts.perRow(minus, nOut * taps, wordsPerTap);
        this.plusTotal = BitCounts.perRow(plus, nOut, taps * wordsPerTap);
        this.minusTotal = BitCounts.perRow(minus, nOut, taps * wordsPerTap);
        this.plus = compact ? BitLayout.compactRows(plus, nOut, taps, channels) : plus;
        this.minus = compact ? BitLayout.compactRows(minus, nOut, taps, channels) : minus;
        this.rowWords = compact ? BitLayout.compactWords(taps, channels) : taps * wordsPerTap;
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

    /**
     * Over the whole row at once: taps left out by zero padding hold 0 words in the patch, so they add nothing to
     * either AND, and only their |P| and |N| are taken off the channel's totals.
     */
    private void accumulate(Patch patch, int oFrom, int oTo, int[] ints, float[] floats) {
        long[] x = patch.bits;
        for (int o = oFrom; o < oTo; o++) {
            int base = o * rowWords;
            int plusCount = plusTotal[o];
            int minusCount = minusTotal[o];
            for (int i = 0; i < patch.paddedCount; i++) {
                plusCount -= plusPerTap[o * taps + patch.paddedTaps[i]];
                minusCount -= minusPerTap[o * taps + patch.paddedTaps[i]];
            }
            int plusNegative = 0;
            int minusNegative = 0;
            for (int j = 0; j < rowWords; j++) {
                long xj = x[j];
                plusNegative += Long.bitCount(xj & plus[base + j]);
                minusNegative += Long.bitCount(xj & minus[base + j]);
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
