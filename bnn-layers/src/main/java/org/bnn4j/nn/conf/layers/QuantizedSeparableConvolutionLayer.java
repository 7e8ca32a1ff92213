package org.bnn4j.nn.conf.layers;

import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.NoArgsConstructor;
import lombok.ToString;
import org.bnn4j.nn.params.QuantizedParamInitializer;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.Quantizer;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A depthwise-separable 2D convolution (NCHW) parametrized by quantizers, like Larq's {@code QuantSeparableConv2D}:
 * the input quantizer on the input, a depthwise convolution with the kernel quantizer (Larq's
 * {@code depthwise_quantizer}; {@code depthMultiplier} kernels per input channel), then a 1x1 convolution to
 * {@code nOut} channels with the {@link #getPointwiseQuantizer() pointwise quantizer}, then the bias. The value
 * between the two stages stays real, as in Larq. Parameters: the depthwise kernel "W"
 * {@code [nIn * depthMultiplier, 1, kH, kW]}, the pointwise kernel "pW" {@code [nOut, nIn * depthMultiplier, 1, 1]},
 * the bias "b", the depthwise quantizer's trained parameters under their keys and the pointwise quantizer's with a
 * "p" before theirs (TTQ on both: "Wp", "Wn", "pWp", "pWn"). {@code kernelUpdater} (e.g. Bop) applies to "W" only;
 * latent weights of both kernels are clipped to [-1, 1] when either quantizer quantizes. It exports to the packed
 * format as a grouped convolution followed by a 1x1 convolution on real values.
 *
 * <pre>{@code
 * .layer(new QuantizedSeparableConvolutionLayer.Builder(3, 3).nOut(64)
 *         .convolutionMode(ConvolutionMode.Same)
 *         .inputQuantizer(new SteSign()).kernelQuantizer(new SteSign())   // binary depthwise stage
 *         .pointwiseQuantizer(new SteSign()).padValue(1)                  // binary pointwise weights
 *         .build())
 * }</pre>
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class QuantizedSeparableConvolutionLayer extends QuantizedDepthwiseConvolutionLayer {
    /** The pointwise kernel's key in the parameter table. */
    public static final String POINTWISE_KERNEL_KEY = "pW";
    /** What comes before the pointwise quantizer's parameter keys in the parameter table. */
    public static final String POINTWISE_PREFIX = "p";

    private Quantizer pointwiseQuantizer = new Identity();

    protected QuantizedSeparableConvolutionLayer(Builder builder) {
        super(builder);
        this.pointwiseQuantizer = builder.pointwiseQuantizer;
    }

    @Override
    protected org.bnn4j.nn.layers.QuantizedConvolutionLayer createLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new org.bnn4j.nn.layers.QuantizedSeparableConvolutionLayer(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return QuantizedParamInitializer.DEPTHWISE;
    }

    /** Its own nOut (the pointwise outputs), whatever the input. */
    @Override
    protected void setOutputsFromInput(boolean override) {
    }

    /** The depthwise and the pointwise quantizers' parameters, the pointwise keys prefixed with "p". */
    @Override
    public List<QuantizerParameterSlot> quantizerParameterSlots() {
        List<QuantizerParameterSlot> slots = new ArrayList<>(super.quantizerParameterSlots());
        slots.addAll(QuantizerParameterSlot.of(pointwiseQuantizer, POINTWISE_PREFIX, nOut));
        return slots;
    }

    /** The pointwise kernel at inference: the pointwise quantizer on "pW" with its parameters. */
    public InferenceKernel pointwiseInferenceKernel(Map<String, INDArray> params) {
        return InferenceKernel.of(pointwiseQuantizer, POINTWISE_KERNEL_KEY, POINTWISE_PREFIX, params, 0);
    }

    @Override
    protected long kernelElements() {
        return kernelChannels() * kernelSize[0] * kernelSize[1] + nOut * kernelChannels();
    }

    /** Builder for {@link QuantizedSeparableConvolutionLayer}; see the class Javadoc for an example. */
    public static class Builder extends DepthwiseBuilder<Builder> {
        private Quantizer pointwiseQuantizer = new Identity();

        public Builder() {
            super();
        }

        /** @param kernelSize kernel height and width of the depthwise stage */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        /** Quantizer of the pointwise (1x1) kernel, which may own trained parameters; default {@code Identity}. */
        public Builder pointwiseQuantizer(Quantizer pointwiseQuantizer) {
            this.pointwiseQuantizer = pointwiseQuantizer;
            return this;
        }

        @Override
        protected void requireOutputs(String layerType) {
            requireDepthMultiplier(layerType);
            QuantizedLayerSupport.requireNOut(layerType, layerName, nOut);
            if (quantizers.backpropInput != null) {
                // the pointwise stage's input is the depthwise output, not this layer's input
                throw new DL4JInvalidConfigException(QuantizedLayerSupport.describe(layerType, layerName, -1)
                        + ": backpropInputQuantizer is not supported on a separable convolution");
            }
            if (pointwiseQuantizer == null) {
                throw new DL4JInvalidConfigException(QuantizedLayerSupport.describe(layerType, layerName, -1)
                        + ": pointwiseQuantizer must not be null (use new Identity() for full-precision weights)");
            }
        }

        /** The clip covers both kernels (both are weight parameters) when either is quantized. */
        @Override
        protected Quantizer mostQuantizedKernel() {
            return pointwiseQuantizer != null && pointwiseQuantizer.precision() < quantizers.kernel.precision()
                    ? pointwiseQuantizer : quantizers.kernel;
        }

        @Override
        @SuppressWarnings("unchecked")
        public QuantizedSeparableConvolutionLayer build() {
            validate(QuantizedSeparableConvolutionLayer.class.getSimpleName());
            return new QuantizedSeparableConvolutionLayer(this);
        }
    }
}
