package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * Sign with a straight-through estimator: forward {@code q(x) = +1 if x >= 0 else -1}; backward passes the
 * gradient where {@code |x| <= clipValue} and zeroes it elsewhere (BinaryNet's saturated STE, the
 * gradient of hard-tanh). {@link #unclipped()} gives the plain STE that passes every gradient.
 *
 * <pre>{@code
 * Quantizer q = new SteSign();          // clipValue 1, as in BinaryNet
 * Quantizer plain = SteSign.unclipped(); // identity gradient
 * }</pre>
 */
public class SteSign implements Quantizer {
    public static final double DEFAULT_CLIP_VALUE = 1.0;

    private double clipValue = DEFAULT_CLIP_VALUE;

    /** Saturated STE with clipValue 1. */
    public SteSign() {
    }

    /** @param clipValue the gradient passes where |x| <= clipValue; must be > 0 (may be infinite) */
    public SteSign(double clipValue) {
        QuantizerOps.requirePositive("SteSign", "clipValue", clipValue);
        this.clipValue = clipValue;
    }

    /** The plain straight-through estimator: the gradient passes everywhere. */
    public static SteSign unclipped() {
        return new SteSign(Double.POSITIVE_INFINITY);
    }

    public double getClipValue() {
        return clipValue;
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        return QuantizerOps.signOf(x, out);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        return QuantizerOps.passWhereInside(x, gradient, clipValue, out, context);
    }

    @Override
    public int precision() {
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Double.compare(((SteSign) o).clipValue, clipValue) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), clipValue);
    }

    @Override
    public String toString() {
        return "SteSign(clipValue=" + clipValue + ")";
    }
}
