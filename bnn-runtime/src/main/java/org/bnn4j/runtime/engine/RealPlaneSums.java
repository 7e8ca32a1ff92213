package org.bnn4j.runtime.engine;

/** Sums of real inputs at the positions a weight bit-plane marks, shared by the real-input binary and ternary kernels. */
final class RealPlaneSums {
    private RealPlaneSums() {
    }

    /**
     * {@code sum(x[tap][c])} over the set bits of the plane row starting at word {@code rowOffset}
     * ({@code taps * wordsPerTap} words, {@code x} laid out {@code [tap][channels]}).
     */
    static float sum(float[] x, long[] plane, int rowOffset, int taps, int channels, int wordsPerTap) {
        float s = 0f;
        for (int t = 0; t < taps; t++) {
            int xBase = t * channels;
            int wBase = rowOffset + t * wordsPerTap;
            for (int j = 0; j < wordsPerTap; j++) {
                long word = plane[wBase + j];
                int at = xBase + (j << 6);
                while (word != 0) {
                    s += x[at + Long.numberOfTrailingZeros(word)];
                    word &= word - 1;
                }
            }
        }
        return s;
    }
}
