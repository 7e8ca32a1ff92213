package org.bnn4j.nn.conf.layers;

import lombok.EqualsAndHashCode;
import lombok.ToString;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.SteSign;

/**
 * XNOR-Net's binary convolution (Rastegari et al. 2016): a {@link QuantizedConvolutionLayer} whose input quantizer
 * defaults to {@link SteSign} and kernel quantizer to {@link MagnitudeAwareSign} ({@code alpha_c * sign(W_c)}).
 * Everything else (geometry, padValue, bias, kernelUpdater, native conv2d) is the general layer's.
 *
 * <pre>{@code
 * .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(64)
 *         .convolutionMode(ConvolutionMode.Same)
 *         .padValue(1.0)          // bit-exact padding for the packed runtime
 *         .hasBias(false)
 *         .build())
 * .layer(new BatchNormalization.Builder().build())
 * }</pre>
 */
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class XnorConvolutionLayer extends QuantizedConvolutionLayer {

    /** The preset's defaults; used by JSON deserialization. */
    public XnorConvolutionLayer() {
        setInputQuantizer(new SteSign());
        setKernelQuantizer(new MagnitudeAwareSign());
    }

    protected XnorConvolutionLayer(Builder builder) {
        super(builder);
    }

    /** Builder for {@link XnorConvolutionLayer}; see the class Javadoc for an example. */
    public static class Builder extends QuantizedConvolutionLayer.BaseBuilder<Builder> {

        public Builder() {
            super();
            presetDefaults();
        }

        /** @param kernelSize kernel height and width */
        public Builder(int... kernelSize) {
            super(kernelSize);
            presetDefaults();
        }

        public Builder(int[] kernelSize, int[] stride) {
            super(kernelSize, stride);
            presetDefaults();
        }

        public Builder(int[] kernelSize, int[] stride, int[] padding) {
            super(kernelSize, stride, padding);
            presetDefaults();
        }

        private void presetDefaults() {
            quantizers.input = new SteSign();
            quantizers.kernel = new MagnitudeAwareSign();
        }

        @Override
        @SuppressWarnings("unchecked")
        public XnorConvolutionLayer build() {
            validate(XnorConvolutionLayer.class.getSimpleName());
            return new XnorConvolutionLayer(this);
        }
    }
}
