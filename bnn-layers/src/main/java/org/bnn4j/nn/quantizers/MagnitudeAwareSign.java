package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * XNOR-Net's scaled sign (Rastegari et al. 2016): {@code q(W) = alpha * sign(W)} with one scale per output
 * channel, {@code alpha_c = mean(|W_c|)} over that channel's weights (over the whole tensor when used on
 * activations). The backward pass treats alpha as a constant, as Larq does, and applies the saturated
 * STE: {@code dL/dW = alpha * dL/dq} where {@code |W| <= clipValue}, else 0.
 *
 * <pre>{@code
 * new XnorConvolutionLayer.Builder(3, 3).nOut(64)
 *         .kernelQuantizer(new MagnitudeAwareSign())   // the default of XnorConvolutionLayer
 *         .build();
 * }</pre>
 */
public class MagnitudeAwareSign implements ChannelScaledQuantizer {

    private double clipValue = SteSign.DEFAULT_CLIP_VALUE;

    /** Saturated STE with clipValue 1. */
    public MagnitudeAwareSign() {
    }

    /** @param clipValue the gradient passes where |W| <= clipValue; > 0, may be infinite */
    public MagnitudeAwareSign(double clipValue) {
        QuantizerOps.requirePositive("MagnitudeAwareSign", "clipValue", clipValue);
        this.clipValue = clipValue;
    }

    public double getClipValue() {
        return clipValue;
    }

    /** The per-channel scales alpha (or a single one without a channel axis). */
    @Override
    public INDArray scales(INDArray x, QuantizationContext context) {
        return QuantizerOps.meanAbs(x, context);
    }

    /** sign(W) with the same saturated straight-through estimator. */
    @Override
    public Quantizer core() {
        return new SteSign(clipValue);
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        INDArray alpha = scales(x, context); // before out (which may be x) is overwritten
        QuantizerOps.signOf(x, out);
        return QuantizerOps.scaleByChannel(out, alpha, context, out);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        INDArray alpha = scales(x, context);
        QuantizerOps.passWhereInside(x, gradient, clipValue, out, context);
        return QuantizerOps.scaleByChannel(out, alpha, context, out);
    }

    @Override
    public int precision() {
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
                && Double.compare(((MagnitudeAwareSign) o).clipValue, clipValue) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), clipValue);
    }

    @Override
    public String toString() {
        return "MagnitudeAwareSign(clipValue=" + clipValue + ")";
    }
}
