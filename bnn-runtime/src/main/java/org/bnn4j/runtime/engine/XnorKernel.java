package org.bnn4j.runtime.engine;

/**
 * Binary weights on binary inputs: for ±1 vectors of length K packed as bits (1 = -1),
 * {@code dot = K - 2 * popcount(x XOR w)}. Pad bits are 0 in both, so they never count. With zero padding only
 * the valid taps are summed and K is the number of inputs they hold.
 */
final class XnorKernel implements LinearKernel {
    private final long[] weights;
    private final int channels;
    private final int wordsPerTap;
    private final int rowWords;

    /** @param weights {@code [nOut][taps][wordsPerTap]} */
    XnorKernel(long[] weights, int channels, int taps, int wordsPerTap) {
        this.weights = weights;
        this.channels = channels;
        this.wordsPerTap = wordsPerTap;
        this.rowWords = taps * wordsPerTap;
    }

    @Override
    public boolean integerAccumulator() {
        return true;
    }

    @Override
    public void accumulate(Patch patch, int oFrom, int oTo, int[] ints, float[] floats) {
        long[] x = patch.bits;
        int inputs = channels * patch.validCount;
        for (int o = oFrom; o < oTo; o++) {
            int base = o * rowWords;
            int differing = 0;
            if (patch.allValid) {
                for (int i = 0; i < rowWords; i++) {
                    differing += Long.bitCount(x[i] ^ weights[base + i]);
                }
            } else {
                for (int v = 0; v < patch.validCount; v++) {
                    int off = patch.validTaps[v] * wordsPerTap;
                    for (int j = 0; j < wordsPerTap; j++) {
                        differing += Long.bitCount(x[off + j] ^ weights[base + off + j]);
                    }
                }
            }
            ints[o] = inputs - 2 * differing;
        }
    }
}
