package org.bnn4j.runtime.engine;

/**
 * The runtime's binary matrix product: for packed ±1 rows {@code x_r} and {@code w_o} of {@code words} 64-bit
 * words, {@code out[r][o] = popcount(x_r XOR w_o)}, the number of positions where they differ (the dot product is
 * then {@code K - 2 * out}). Every XNOR dense and convolution op runs on it.
 *
 * <p>Weight rows are processed in cache blocks small enough for L1, each reused by every x row before the next block
 * is loaded; inside a block a {@link BitGemmKernel} does the counting. The default kernel is plain Java 17
 * ({@code Long.bitCount}, see {@link ScalarBitGemm}). An optional one uses the JDK Vector API (lane-wise
 * {@code BIT_COUNT}, {@code vpopcntq} on AVX-512 VPOPCNTDQ); it runs when bnn-runtime was built on JDK 21+ and the
 * JVM is Java 21+ started with {@code --add-modules jdk.incubator.vector}, unless {@code -Dbnn4j.vector=false}. Both
 * give identical counts. {@link #implementation()} says which one runs.
 *
 * <pre>{@code
 * long[][] x = {xRow0, xRow1};                 // each at least `words` long
 * int[][] differing = new int[2][nOut];
 * BitGemm.differingBits(x, 2, weights, words, 0, nOut, differing);   // weights: nOut rows of `words` words
 * int dot = 64 * words - 2 * differing[0][0]; // when all 64 * words positions are used (pad bits are 0 in both)
 *
 * // java --add-modules jdk.incubator.vector ...   (Java 21+, jar built on JDK 21+)
 * System.out.println(BitGemm.implementation()); // "vector (512-bit LongVector)", or "plain (why not vector)"
 * }</pre>
 */
public final class BitGemm {
    /** Weight words per cache block: 4 K words = 32 KB, within a core's L1 data cache next to the x rows. */
    private static final int BLOCK_WORDS = 4096;

    /** Decided once: a constant the JIT folds, so the kernel call below is direct and inlined. */
    private static final KernelChoice CHOICE = KernelChoice.forThisJvm();

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
        differingBits(CHOICE.kernel(), xs, rows, w, words, oFrom, oTo, out);
    }

    /** {@link #differingBits(long[][], int, long[], int, int, int, int[][])} on a given kernel (tests, benchmarks). */
    static void differingBits(BitGemmKernel kernel, long[][] xs, int rows, long[] w, int words, int oFrom, int oTo,
                              int[][] out) {
        int block = Math.max(4, BLOCK_WORDS / Math.max(1, words) & ~3);
        for (int b = oFrom; b < oTo; b += block) {
            kernel.differingBitsInBlock(xs, rows, w, words, b, Math.min(oTo, b + block), out);
        }
    }

    /** Weight rows laid out for this JVM's kernel, once per op at load (see {@link BitWeights}). */
    static BitWeights prepare(long[] w, int words, int count) {
        return BitWeights.of(w, words, count, CHOICE.kernel());
    }

    /** {@link #differingBits(long[][], int, long[], int, int, int, int[][])} over prepared weights. */
    static void differingBits(long[][] xs, int rows, BitWeights w, int oFrom, int oTo, int[][] out) {
        differingBits(CHOICE.kernel(), xs, rows, w, oFrom, oTo, out);
    }

    /** As above on a given kernel, which must be the one {@code w} was prepared for (tests, benchmarks). */
    static void differingBits(BitGemmKernel kernel, long[][] xs, int rows, BitWeights w, int oFrom, int oTo,
                              int[][] out) {
        if (w.lanes != 0) {
            kernel.differingBitsInterleaved(xs, rows, w, oFrom, oTo, out);
        } else {
            differingBits(kernel, xs, rows, w.rows, w.words, oFrom, oTo, out);
        }
    }

    /**
     * Which kernel {@link #differingBits} runs in this JVM: {@code "vector (N-bit LongVector)"}, or {@code "plain"}
     * followed by why the vector kernel is not used, e.g.
     * {@code "plain (jdk.incubator.vector not resolved; run with --add-modules jdk.incubator.vector)"}.
     */
    public static String implementation() {
        return CHOICE.implementation();
    }

    /** This JVM's one kernel decision, which the float kernel follows too. */
    static KernelChoice choice() {
        return CHOICE;
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
