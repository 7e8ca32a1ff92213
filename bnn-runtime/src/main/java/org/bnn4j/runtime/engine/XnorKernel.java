package org.bnn4j.runtime.engine;

/**
 * Binary weights on binary inputs: for ±1 vectors of length K packed as bits (1 = -1),
 * {@code dot = K - 2 * popcount(x XOR w)}, computed for a whole tile of patches by {@link BitGemm}. Pad bits are 0
 * in both, so they never count. Taps left out by zero padding hold 0 words in the patch, where the XOR counts the
 * weight's own -1 bits: those counts, known per channel and tap at load, are subtracted, and K is the number of
 * inputs in the remaining taps.
 */
final class XnorKernel implements LinearKernel {
    private final BitWeights weights;
    private final int channels;
    private final int taps;
    private final int[] minusPerTap;

    /**
     * @param weights {@code [nOut][taps][wordsPerTap]}
     * @param compact whether the patches are compact ({@link BitLayout#compactTaps}); the weight rows are then
     *                repacked alike, which changes no count: pad bits are 0 in both layouts
     */
    XnorKernel(long[] weights, int nOut, int channels, int taps, int wordsPerTap, boolean compact) {
        this.channels = channels;
        this.taps = taps;
        this.minusPerTap = BitCounts.perRow(weights, nOut * taps, wordsPerTap);
        this.weights = BitGemm.prepare(compact ? BitLayout.compactRows(weights, nOut, taps, channels) : weights,
                compact ? BitLayout.compactWords(taps, channels) : taps * wordsPerTap, nOut);
    }

    @Override
    public boolean integerAccumulator() {
        return true;
    }

    @Override
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        long[][] x = acc.bitRows;
        for (int k = 0; k < count; k++) {
            x[k] = patches[k].bits;
        }
        BitGemm.differingBits(x, count, weights, oFrom, oTo, acc.ints);
        for (int k = 0; k < count; k++) {
            Patch p = patches[k];
            int[] out = acc.ints[k];
            int inputs = channels * p.validCount;
            if (p.paddedCount == 0) {
                for (int o = oFrom; o < oTo; o++) {
                    out[o] = inputs - 2 * out[o];
                }
                continue;
            }
            for (int o = oFrom; o < oTo; o++) {
                int differing = out[o];
                for (int i = 0; i < p.paddedCount; i++) {
                    differing -= minusPerTap[o * taps + p.paddedTaps[i]];
                }
                out[o] = inputs - 2 * differing;
            }
        }
    }
}
