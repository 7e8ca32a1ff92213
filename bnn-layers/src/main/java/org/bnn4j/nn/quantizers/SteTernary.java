package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * TernaryConnect's deterministic ternarization (Lin, Courbariaux et al. 2016, "Neural Networks with Few
 * Multiplications") with a straight-through estimator: forward {@code q(x) = +1 if x > upper},
 * {@code 0 if lower < x <= upper}, {@code -1 otherwise} (defaults: lower -0.5, upper 0.5); backward passes
 * the gradient where {@code |x| <= clipValue} (default 1, the range the latent weights are clipped to).
 *
 * <pre>{@code
 * new BinaryDenseLayer.Builder().nOut(512)
 *         .kernelQuantizer(new SteTernary())               // weights in {-1, 0, +1}
 *         .build();
 * new SteTernary(-0.3, 0.3);                                // a narrower zero band
 * }</pre>
 */
public class SteTernary implements Quantizer {
    public static final double DEFAULT_LOWER = -0.5;
    public static final double DEFAULT_UPPER = 0.5;

    private double lower = DEFAULT_LOWER;
    private double upper = DEFAULT_UPPER;
    private double clipValue = SteSign.DEFAULT_CLIP_VALUE;

    /** Thresholds -0.5 and 0.5, saturated STE with clipValue 1. */
    public SteTernary() {
    }

    /**
     * @param lower values at or below it map to -1
     * @param upper values above it map to +1; must be > lower
     */
    public SteTernary(double lower, double upper) {
        this(lower, upper, SteSign.DEFAULT_CLIP_VALUE);
    }

    /**
     * @param lower     values at or below it map to -1
     * @param upper     values above it map to +1; must be > lower
     * @param clipValue the gradient passes where |x| <= clipValue; > 0, may be infinite
     */
    public SteTernary(double lower, double upper, double clipValue) {
        QuantizerOps.requireOrdered("SteTernary", lower, upper);
        QuantizerOps.requirePositive("SteTernary", "clipValue", clipValue);
        this.lower = lower;
        this.upper = upper;
        this.clipValue = clipValue;
    }

    public double getLower() {
        return lower;
    }

    public double getUpper() {
        return upper;
    }

    public double getClipValue() {
        return clipValue;
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        return QuantizerOps.ternaryOf(x, lower, upper, out);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        return QuantizerOps.passWhereInside(x, gradient, clipValue, out, context);
    }

    @Override
    public int precision() {
        return 2;
    }

    @Override
    public boolean equals(Object o) {
        if (o == null || o.getClass() != getClass()) return false;
        SteTernary that = (SteTernary) o;
        return Double.compare(lower, that.lower) == 0 && Double.compare(upper, that.upper) == 0
                && Double.compare(clipValue, that.clipValue) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), lower, upper, clipValue);
    }

    @Override
    public String toString() {
        return "SteTernary(lower=" + lower + ", upper=" + upper + ", clipValue=" + clipValue + ")";
    }
}
