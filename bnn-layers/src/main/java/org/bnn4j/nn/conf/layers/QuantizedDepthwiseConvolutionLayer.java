package org.bnn4j.nn.conf.layers;

import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.NoArgsConstructor;
import lombok.ToString;
import org.bnn4j.nn.params.DepthwiseKernelParamInitializer;
import org.bnn4j.nn.params.QuantizedParamInitializer;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * A depthwise 2D convolution (NCHW) parametrized by quantizers, like Larq's {@code QuantDepthwiseConv2D}: each input
 * channel is convolved with its own {@code depthMultiplier} kernels, so {@code nOut = nIn * depthMultiplier}, output
 * channel {@code c * depthMultiplier + m} reading input channel c only (a grouped convolution with {@code nIn}
 * groups). Everything else is {@link QuantizedConvolutionLayer}'s: input and kernel quantizers (the kernel one may
 * own trained parameters, one per output channel where it has per-channel ones), geometry, {@code padValue} ±1,
 * bias, {@code kernelUpdater}. It runs on libnd4j's native {@code depthwise_conv2d}/{@code depthwise_conv2d_bp} and
 * exports to the packed format as a grouped convolution (bit or real inputs). The latent kernel is
 * {@code [nIn * depthMultiplier, 1, kH, kW]}.
 *
 * <pre>{@code
 * .layer(new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).depthMultiplier(1)
 *         .convolutionMode(ConvolutionMode.Same)
 *         .inputQuantizer(new SteSign()).kernelQuantizer(new SteSign()).padValue(1)
 *         .build())
 * .layer(new BatchNormalization.Builder().build())
 * }</pre>
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class QuantizedDepthwiseConvolutionLayer extends QuantizedConvolutionLayer {
    private int depthMultiplier = 1;

    protected QuantizedDepthwiseConvolutionLayer(DepthwiseBuilder<?> builder) {
        super(builder);
        this.depthMultiplier = builder.depthMultiplier;
    }

    /** nIn: one group per input channel. */
    @Override
    public long groups() {
        return nIn;
    }

    @Override
    public ParamInitializer initializer() {
        return QuantizedParamInitializer.DEPTHWISE;
    }

    /** Output channels of the depthwise kernel: nIn * depthMultiplier. */
    @Override
    public long kernelChannels() {
        return nIn * depthMultiplier;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        super.setNIn(inputType, override);
        setOutputsFromInput(override);
    }

    /** nOut follows from the input: nIn * depthMultiplier. */
    protected void setOutputsFromInput(boolean override) {
        long expected = nIn * depthMultiplier;
        if (nOut > 0 && nOut != expected && !override) {
            throw new DL4JInvalidConfigException(QuantizedLayerSupport.describe(getClass().getSimpleName(),
                    getLayerName(), -1) + ": nOut is " + nOut + " but a depthwise convolution of " + nIn
                    + " channels with depthMultiplier " + depthMultiplier + " has " + expected + " outputs");
        }
        nOut = expected;
    }

    /** What the depthwise and separable convolutions' builders offer. */
    @SuppressWarnings("unchecked")
    public abstract static class DepthwiseBuilder<T extends DepthwiseBuilder<T>> extends QuantizedConvolutionLayer.BaseBuilder<T> {
        protected int depthMultiplier = 1;

        protected DepthwiseBuilder() {
            super();
        }

        protected DepthwiseBuilder(int... kernelSize) {
            super(kernelSize);
        }

        /** Kernels (outputs of the depthwise stage) per input channel, default 1. */
        public T depthMultiplier(int depthMultiplier) {
            this.depthMultiplier = depthMultiplier;
            return (T) this;
        }

        protected void requireDepthMultiplier(String layerType) {
            if (depthMultiplier < 1) {
                throw new DL4JInvalidConfigException(QuantizedLayerSupport.describe(layerType, layerName, -1)
                        + ": depthMultiplier must be at least 1, got " + depthMultiplier);
            }
        }
    }

    /** Builder for {@link QuantizedDepthwiseConvolutionLayer}; see the class Javadoc for an example. */
    public static class Builder extends DepthwiseBuilder<Builder> {

        public Builder() {
            super();
        }

        /** @param kernelSize kernel height and width */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        @Override
        protected void requireOutputs(String layerType) {
            requireDepthMultiplier(layerType);
            if (nIn > 0) {
                nOut = nIn * depthMultiplier;
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public QuantizedDepthwiseConvolutionLayer build() {
            validate(QuantizedDepthwiseConvolutionLayer.class.getSimpleName());
            return new QuantizedDepthwiseConvolutionLayer(this);
        }
    }
}
