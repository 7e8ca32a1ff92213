package org.bnn4j.runtime.engine;

/**
 * The runtime's binary matrix product: for packed ±1 rows {@code x_r} and {@code w_o} of {@code words} 64-bit
 * words, {@code out[r][o] = popcount(x_r XOR w_o)}, the number of positions where they differ (the dot product is
 * then {@code K - 2 * out}). Every XNOR dense and convolution op runs on it.
 *
 * <p>Speed comes from two things, not from cleverness per word (which is one XOR, one {@code Long.bitCount} and
 * one add, the JIT's {@code popcnt}): a 4x4 register tile (four x rows against four weight rows, sixteen
 * accumulators, so each loaded word is used four times) and cache blocking over weight rows (a block of weights
 * small enough for L1 is reused by every x row before the next block is loaded).
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
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                fourRows(xs[r], xs[r + 1], xs[r + 2], xs[r + 3], w, words, b, bEnd, out[r], out[r + 1], out[r + 2], out[r + 3]);
            }
            for (; r < rows; r++) {
                oneRow(xs[r], w, words, b, bEnd, out[r]);
            }
        }
    }

    private static void fourRows(long[] x0, long[] x1, long[] x2, long[] x3, long[] w, int words, int oFrom, int oTo,
                                 int[] out0, int[] out1, int[] out2, int[] out3) {
        int o = oFrom;
        for (; o + 4 <= oTo; o += 4) {
            int a = o * words;
            int b = a + words;
            int c = b + words;
            int d = c + words;
            int c00 = 0, c01 = 0, c02 = 0, c03 = 0;
            int c10 = 0, c11 = 0, c12 = 0, c13 = 0;
            int c20 = 0, c21 = 0, c22 = 0, c23 = 0;
            int c30 = 0, c31 = 0, c32 = 0, c33 = 0;
            for (int i = 0; i < words; i++) {
                long wa = w[a + i];
                long wb = w[b + i];
                long wc = w[c + i];
                long wd = w[d + i];
                long v = x0[i];
                c00 += Long.bitCount(v ^ wa);
                c01 += Long.bitCount(v ^ wb);
                c02 += Long.bitCount(v ^ wc);
                c03 += Long.bitCount(v ^ wd);
                v = x1[i];
                c10 += Long.bitCount(v ^ wa);
                c11 += Long.bitCount(v ^ wb);
                c12 += Long.bitCount(v ^ wc);
                c13 += Long.bitCount(v ^ wd);
                v = x2[i];
                c20 += Long.bitCount(v ^ wa);
                c21 += Long.bitCount(v ^ wb);
                c22 += Long.bitCount(v ^ wc);
                c23 += Long.bitCount(v ^ wd);
                v = x3[i];
                c30 += Long.bitCount(v ^ wa);
                c31 += Long.bitCount(v ^ wb);
                c32 += Long.bitCount(v ^ wc);
                c33 += Long.bitCount(v ^ wd);
            }
            out0[o] = c00; out0[o + 1] = c01; out0[o + 2] = c02; out0[o + 3] = c03;
            out1[o] = c10; out1[o + 1] = c11; out1[o + 2] = c12; out1[o + 3] = c13;
            out2[o] = c20; out2[o + 1] = c21; out2[o + 2] = c22; out2[o + 3] = c23;
            out3[o] = c30; out3[o + 1] = c31; out3[o + 2] = c32; out3[o + 3] = c33;
        }
        for (; o < oTo; o++) {
            int a = o * words;
            int c0 = 0, c1 = 0, c2 = 0, c3 = 0;
            for (int i = 0; i < words; i++) {
                long wa = w[a + i];
                c0 += Long.bitCount(x0[i] ^ wa);
                c1 += Long.bitCount(x1[i] ^ wa);
                c2 += Long.bitCount(x2[i] ^ wa);
                c3 += Long.bitCount(x3[i] ^ wa);
            }
            out0[o] = c0;
            out1[o] = c1;
            out2[o] = c2;
            out3[o] = c3;
        }
    }

    /** One x row against four weight rows at a time (batch 1: the x words stay in registers for four rows). */
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
