package org.bnn4j.nn.quantizers;

import java.util.Objects;

/**
 * What a quantizer needs to know about one call besides the values themselves.
 *
 * <ul>
 *   <li>{@code training}: stochastic quantizers sample only while training;</li>
 *   <li>{@code noiseSeed}: the seed of that sample. A layer passes the same seed to the forward and the
 *       backward pass of one iteration, so both see the same sampled weights without caching them;</li>
 *   <li>{@code channelAxis}: the output-channel axis of a kernel (1 for a dense [nIn, nOut] matrix, 0 for
 *       a convolution [nOut, nIn, kH, kW] kernel), along which per-channel scales are computed; -1 for
 *       activations, where a scale covers the whole tensor.</li>
 * </ul>
 */
public final class QuantizationContext {
    private static final QuantizationContext INFERENCE = new QuantizationContext(false, 0L, -1);

    private final boolean training;
    private final long noiseSeed;
    private final int channelAxis;

    private QuantizationContext(boolean training, long noiseSeed, int channelAxis) {
        this.training = training;
        this.noiseSeed = noiseSeed;
        this.channelAxis = channelAxis;
    }

    /** Inference on activations: deterministic, whole-tensor scale. */
    public static QuantizationContext inference() {
        return INFERENCE;
    }

    /** Quantizing activations (no channel axis). */
    public static QuantizationContext activations(boolean training, long noiseSeed) {
        return new QuantizationContext(training, noiseSeed, -1);
    }

    /** Quantizing a kernel whose output channels lie along {@code channelAxis}. */
    public static QuantizationContext kernel(boolean training, long noiseSeed, int channelAxis) {
        if (channelAxis < 0) {
            throw new IllegalArgumentException("A kernel's channelAxis must be >= 0, got " + channelAxis);
        }
        return new QuantizationContext(training, noiseSeed, channelAxis);
    }

    public boolean isTraining() {
        return training;
    }

    public long getNoiseSeed() {
        return noiseSeed;
    }

    public int getChannelAxis() {
        return channelAxis;
    }

    public boolean hasChannelAxis() {
        return channelAxis >= 0;
    }

    /**
     * Mixes seeds into one (SplitMix64 finaliser, applied per part), so nearby inputs give unrelated noise
     * streams. Layers derive their noise seeds with it from layer index, iteration, epoch and role.
     */
    public static long mixSeeds(long... parts) {
        long z = 0x6A09E667F3BCC909L;
        for (long part : parts) {
            z = (z ^ part) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
        }
        return z;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof QuantizationContext)) return false;
        QuantizationContext that = (QuantizationContext) o;
        return training == that.training && noiseSeed == that.noiseSeed && channelAxis == that.channelAxis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(training, noiseSeed, channelAxis);
    }

    @Override
    public String toString() {
        return "QuantizationContext{training=" + training + ", noiseSeed=" + noiseSeed + ", channelAxis=" + channelAxis + '}';
    }
}
