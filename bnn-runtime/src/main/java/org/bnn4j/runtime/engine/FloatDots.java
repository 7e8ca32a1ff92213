package org.bnn4j.runtime.engine;

/**
 * The inner work of {@link FloatKernel}: a patch's sums for a range of output channels, each adding its products in
 * k order (so every implementation gives the same bits). Two exist: {@link ScalarFloatDots} (plain Java 17) and, in
 * jars built on JDK 21+, the Vector API one {@code VectorFloatDots}, used where the vector bit kernel is
 * ({@link KernelChoice#floatDots}, from {@link BitGemm}'s one choice). Implementations keep no state.
 */
interface FloatDots {
    /**
     * {@code out[o] = sum over k ascending of transposed[k * nOut + o] * x[k]}, for {@code oFrom <= o < oTo}, where
     * each step rounds the product and then the sum to float (no fused multiply-add).
     */
    void dots(float[] transposed, int nOut, float[] x, int rowLength, int oFrom, int oTo, float[] out);

    /** A short name for reports. */
    String name();
}
