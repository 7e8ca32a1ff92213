package org.bnn4j.runtime.engine;

/** Set bits per row of a bit-plane, counted once at load (the -1 weights of each channel and tap). */
final class BitCounts {
    private BitCounts() {
    }

    /** {@code counts[r] = popcount(plane[r * wordsPerRow .. (r + 1) * wordsPerRow))} for {@code rows} rows. */
    static int[] perRow(long[] plane, int rows, int wordsPerRow) {
        int[] counts = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < wordsPerRow; j++) {
                counts[r] += Long.bitCount(plane[r * wordsPerRow + j]);
            }
        }
        return counts;
    }
}
