package org.bnn4j.runtime.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link BitGemm}'s tiled, cache-blocked product against its plain reference loop, on every edge of the tiling. */
class BitGemmTest {

    @Test
    void tiledProductEqualsThePlainLoopForAllShapes() {
        Random r = new Random(1);
        int[] wordCounts = {1, 2, 3, 5, 9, 13, 64, 65, 130};
        int[] rowCounts = {1, 2, 3, 4, 5, 7, 8, 15, 16};
        int[] channelCounts = {1, 2, 3, 4, 5, 7, 63, 64, 65, 129};
        for (int words : wordCounts) {
            for (int rows : rowCounts) {
                for (int nOut : channelCounts) {
                    check(r, words, rows, nOut, 0, nOut);
                    if (nOut > 2) {
                        check(r, words, rows, nOut, 1, nOut - 1); // a channel range that starts and ends off a tile
                    }
                }
            }
        }
    }

    /** Many weight rows of few words span several cache blocks; the block boundary must not lose or repeat rows. */
    @Test
    void cacheBlocksCoverEveryWeightRowOnce() {
        Random r = new Random(2);
        check(r, 1, 6, 4096 + 5, 0, 4096 + 5);
        check(r, 3, 5, 1500, 7, 1499);
        check(r, 64, 9, 200, 3, 197);
    }

    private static void check(Random r, int words, int rows, int nOut, int oFrom, int oTo) {
        long[][] xs = new long[rows + 1][]; // one more than used: the kernel must honour `rows`
        for (int k = 0; k < xs.length; k++) {
            xs[k] = randomWords(r, words + r.nextInt(3)); // rows may be longer than `words`
        }
        long[] w = randomWords(r, nOut * words);
        int[][] out = new int[rows][nOut];
        for (int[] row : out) {
            java.util.Arrays.fill(row, -7);
        }
        BitGemm.differingBits(xs, rows, w, words, oFrom, oTo, out);
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
