package org.bnn4j.runtime.engine;

/**
 * The runtime's binary matrix product: for packed ±1 rows {@code x_r} and {@code w_o} of {@code words} 64-bit
 * words, {@code out[r][o] = popcount(x_r XOR w_o)}, the number of positions where they differ (the dot product is
 * then {@code K - 2 * out}). Every XNOR dense and convolution op runs on it.
 *
 * <p>Per word the work is one XOR, one {@code Long.bitCount} (the JIT's {@code popcnt}, one per cycle on x86) and one
 * add; speed comes from keeping that port busy. Each x word is loaded once for four weight rows (a 1x4 register
 * tile with four independent accumulators), and weight rows are processed in cache blocks small enough for L1,
 * each reused by every x row before the next block is loaded. (A 4x4 tile needs more registers than x86-64 has
 * and measured slower; the popcount port, not loads, is the limit.)
 *
 * <pre>{@code
 * long[][] x = {xRow0, xRow1};                 // each at least `words` long
 * int[][] differing = new int[2][nOut];
 * BitGemm.differingBits(x, 2, weights, words, 0, nOut, differing);   // weights: nOut rows of `words` words
 * int dot = 64 * words - 2 * differing[0][0]; // when all 64 * words positions are used (pad bits are 0 in both)
 * }</pre>
 */
public final class BitGemm {
    /** Weight words per cache block: 4 K words = 32 KB, within a core's L1 data cache next to the x rows. */
    private static final int BLOCK_WORDS = 4096;

    private BitGemm() {
    }

    /**
     * @param xs    x rows: row {@code r} is {@code xs[r][0 .. words)}
     * @param rows  how many x rows ({@code xs.length} may be larger)
     * @param w     weight rows, row {@code o} at {@code w[o * words .. (o + 1) * words)}
     * @param oFrom first weight row
     * @param oTo   end of the weight rows (exclusive)
     * @param out   {@code out[r][o]} receives the count for x row {@code r} and weight row {@code o}
     */
    public static void differingBits(long[][] xs, int rows, long[] w, int words, int oFrom, int oTo, int[][] out) {
        int block = Math.max(4, BLOCK_WORDS / Math.max(1, words) & ~3);
        for (int b = oFrom; b < oTo; b += block) {
            int bEnd = Math.min(oTo, b + block);
            for (int r = 0; r < rows; r++) {
                oneRow(xs[r], w, words, b, bEnd, out[r]);
            }
        }
    }

    /** One x row against four weight rows at a time (each x word loaded once for four rows). */
    private static void oneRow(long[] x, long[] w, int words, int oFrom, int oTo, int[] out) {
        int o = oFrom;
        for (; o + 4 <= oTo; o += 4) {
            int a = o * words;
            int b = a + words;
            int c = b + words;
            int d = c + words;
            int c0 = 0, c1 = 0, c2 = 0, c3 = 0;
            for (int i = 0; i < words; i++) {
                long v = x[i];
                c0 += Long.bitCount(v ^ w[a + i]);
                c1 += Long.bitCount(v ^ w[b + i]);
                c2 += Long.bitCount(v ^ w[c + i]);
                c3 += Long.bitCount(v ^ w[d + i]);
            }
            out[o] = c0;
            out[o + 1] = c1;
            out[o + 2] = c2;
            out[o + 3] = c3;
        }
        for (; o < oTo; o++) {
            out[o] = plain(x, w, o * words, words);
        }
    }

    /** The reference loop: popcount(x XOR w_row) over {@code words} words of {@code w} from {@code offset}. */
    public static int plain(long[] x, long[] w, int offset, int words) {
        int c = 0;
        for (int i = 0; i < words; i++) {
            c += Long.bitCount(x[i] ^ w[offset + i]);
        }
        return c;
    }
}
