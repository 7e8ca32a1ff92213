package org.bnn4j.runtime.engine;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs a binary GEMM on random rows and checks every count against {@link BitGemm#plain}, the reference loop. */
final class BitGemmCheck {

    /** A binary GEMM with {@link BitGemm#differingBits}'s contract. */
    interface Product {
        void differingBits(long[][] xs, int rows, long[] w, int words, int oFrom, int oTo, int[][] out);
    }

    private BitGemmCheck() {
    }

    /** {@link BitGemm}'s blocking around one kernel. */
    static Product on(BitGemmKernel kernel) {
        return (xs, rows, w, words, oFrom, oTo, out) ->
                BitGemm.differingBits(kernel, xs, rows, w, words, oFrom, oTo, out);
    }

    /** The same, over weights laid out for the kernel ({@link BitWeights}: interleaved where it asks for that). */
    static Product prepared(BitGemmKernel kernel) {
        return (xs, rows, w, words, oFrom, oTo, out) -> BitGemm.differingBits(kernel, xs, rows,
                BitWeights.of(w, words, w.length / words, kernel), oFrom, oTo, out);
    }

    /** Word, row and channel counts on every edge of a 1x4 or 2x4 tile; channel ranges starting and ending off one. */
    static void everyTilingEdge(Product product, long seed) {
        Random r = new Random(seed);
        int[] wordCounts = {1, 2, 3, 5, 8, 9, 13, 16, 64, 65, 130};
        int[] rowCounts = {1, 2, 3, 4, 5, 7, 8, 15, 16};
        int[] channelCounts = {1, 2, 3, 4, 5, 7, 63, 64, 65, 129};
        for (int words : wordCounts) {
            for (int rows : rowCounts) {
                for (int nOut : channelCounts) {
                    check(product, r, words, rows, nOut, 0, nOut);
                    if (nOut > 2) {
                        check(product, r, words, rows, nOut, 1, nOut - 1);
                    }
                }
            }
        }
    }

    /**
     * Every word count 1..maxWords, 1..9 rows (tiles and leftover rows), {@code 1..maxChannels} weight rows and a
     * channel range that starts and ends anywhere.
     */
    static void randomShapes(Product product, long seed, int maxWords, int maxChannels) {
        Random r = new Random(seed);
        for (int words = 1; words <= maxWords; words++) {
            for (int rows = 1; rows <= 9; rows++) {
                int nOut = 1 + r.nextInt(maxChannels);
                int oFrom = r.nextInt(nOut);
                int oTo = oFrom + 1 + r.nextInt(nOut - oFrom);
                check(product, r, words, rows, nOut, oFrom, oTo);
            }
        }
    }

    /** Many weight rows of few words span several cache blocks; the block boundary must not lose or repeat rows. */
    static void everyCacheBlockEdge(Product product, long seed) {
        Random r = new Random(seed);
        check(product, r, 1, 6, 4096 + 5, 0, 4096 + 5);
        check(product, r, 3, 5, 1500, 7, 1499);
        check(product, r, 64, 9, 200, 3, 197);
        check(product, r, 9, 4, 1000, 2, 999);
    }

    /**
     * One product of {@code rows} random x rows (one more exists, and rows are up to 2 words longer than
     * {@code words}: the kernel must honour both counts) and {@code nOut} random weight rows, over channels
     * {@code [oFrom, oTo)}; channels outside the range must stay untouched.
     */
    static void check(Product product, Random r, int words, int rows, int nOut, int oFrom, int oTo) {
        long[][] xs = new long[rows + 1][];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = randomWords(r, words + r.nextInt(3));
        }
        long[] w = randomWords(r, nOut * words);
        int[][] out = new int[rows][nOut];
        for (int[] row : out) {
            Arrays.fill(row, -7);
        }
        product.differingBits(xs, rows, w, words, oFrom, oTo, out);
        for (int k = 0; k < rows; k++) {
            for (int o = 0; o < nOut; o++) {
                int expected = o >= oFrom && o < oTo ? BitGemm.plain(xs[k], w, o * words, words) : -7;
                assertEquals(expected, out[k][o], "words " + words + ", rows " + rows + ", nOut " + nOut
                        + ", range [" + oFrom + ", " + oTo + "), row " + k + ", channel " + o);
            }
        }
    }

    private static long[] randomWords(Random r, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextLong();
        }
        return a;
    }
}
