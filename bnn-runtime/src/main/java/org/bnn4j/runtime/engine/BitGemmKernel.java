package org.bnn4j.runtime.engine;

/**
 * One implementation of {@link BitGemm}'s inner work: every x row against a range of weight rows small enough to
 * stay in the L1 cache ({@link BitGemm} cuts the weight rows into such blocks and calls this once per block). Two
 * exist: {@link ScalarBitGemm} (plain Java 17, {@code Long.bitCount}) and, in jars built on JDK 21+, the Vector API
 * kernel {@code VectorBitGemm}; {@link KernelChoice} picks one per JVM. Implementations keep no state, so threads may
 * share one.
 */
interface BitGemmKernel {

    /**
     * {@code out[r][o] = popcount(xs[r] XOR w-row o)} for {@code r < rows} and {@code oFrom <= o < oTo}; nothing else
     * in {@code out} is written. Parameters as in {@link BitGemm#differingBits}.
     */
    void differingBitsInBlock(long[][] xs, int rows, long[] w, int words, int oFrom, int oTo, int[][] out);

    /**
     * How many output channels this kernel wants side by side in {@link BitWeights#interleaved} for rows of
     * {@code words} words, or 0 for the row layout only (the default).
     */
    default int interleavedLanes(int words) {
        return 0;
    }

    /**
     * As {@link #differingBitsInBlock} over all of {@code w}'s rows, for weights this kernel asked to interleave;
     * channels outside the interleaved blocks are counted from the rows.
     */
    default void differingBitsInterleaved(long[][] xs, int rows, BitWeights w, int oFrom, int oTo, int[][] out) {
        throw new UnsupportedOperationException(name() + " has no interleaved path");
    }

    /** A short name for reports, e.g. {@code "plain"} or {@code "vector (512-bit LongVector)"}. */
    String name();
}
