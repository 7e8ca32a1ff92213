package org.bnn4j.runtime.engine;

/**
 * The plain Java 17 kernel, and the default: per word one XOR, one {@code Long.bitCount} (the JIT's {@code popcnt},
 * one per cycle on x86) and one add; speed comes from keeping that port busy. Each x word is loaded once for four
 * weight rows (a 1x4 register tile with four independent accumulators). (A 4x4 tile needs more registers than
 * x86-64 has and measured slower; the popcount port, not loads, is the limit.)
 */
final class ScalarBitGemm implements BitGemmKernel {
    static final ScalarBitGemm INSTANCE = new ScalarBitGemm();

    private ScalarBitGemm() {
    }

    @Override
    public void differingBitsInBlock(long[][] xs, int rows, long[] w, int words, int oFrom, int oTo, int[][] out) {
        for (int r = 0; r < rows; r++) {
            oneRow(xs[r], w, words, oFrom, oTo, out[r]);
        }
    }

    @Override
    public String name() {
        return "plain";
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
            out[o] = BitGemm.plain(x, w, o * words, words);
        }
    }
}
