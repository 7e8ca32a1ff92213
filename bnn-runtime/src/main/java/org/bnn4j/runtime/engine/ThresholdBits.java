package org.bnn4j.runtime.engine;

/**
 * The inner work of {@link ThresholdOutput}: which channels of one output word come out -1, for int or float sums.
 * Two exist, with identical results: {@link ScalarThresholdBits} (plain Java 17) and, in jars built on JDK 21+, the
 * Vector API one {@code VectorThresholdBits}, used where the vector bit kernel is ({@link KernelChoice}).
 */
interface ThresholdBits {
    /**
     * Bit {@code o - from} is set where channel {@code o} is -1, i.e. {@code direction[o] * (values[o] - t[o]) > 0}
     * ({@code direction} -1 for a plain channel: {@code value < t}; +1 for a flipped one: {@code value > t}), for
     * {@code from <= o < to}, at most 64 channels.
     */
    long minusOneBits(int[] values, int[] thresholds, int[] direction, int from, int to);

    /** The same for float sums and thresholds; a NaN sum is +1 (neither comparison holds). */
    long minusOneBits(float[] values, float[] thresholds, int[] direction, int from, int to);
}
