package org.bnn4j.nn.conf.layers;

import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.NoArgsConstructor;
import lombok.ToString;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.bnn4j.nn.params.QuantizedParamInitializer;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.Quantizer;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.deeplearning4j.util.ValidationUtils;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.Collection;
import java.util.List;

/**
 * A 2D convolution (NCHW) parametrized by quantizers, like Larq's {@code QuantConv2D}: an input quantizer (none by
 * default) and a kernel quantizer ({@code Identity} by default, so without quantizers it is a plain float
 * convolution), which may own trained parameters. Kernel size, stride, padding, dilation, bias and DL4J's
 * {@code ConvolutionMode} (Truncate, Strict, Same) work as in DL4J's {@code ConvolutionLayer}; unlike it, forward and
 * backward run on libnd4j's native {@code conv2d}/{@code conv2d_bp} ops, many times faster on CPU than the stock
 * layer's Java im2col path. The presets {@link XnorConvolutionLayer} (XNOR-Net) and {@link TernaryConvolutionLayer}
 * (TTQ) are this layer with other defaults.
 *
 * <p><b>Padding and ±1 inputs.</b> Zero padding adds taps of value 0 to a sign-binarized input: fine for
 * training, but 0 is not a bit, so a packed runtime must count and correct for those taps. With
 * {@code padValue(+1)} or {@code padValue(-1)} the padding is itself a ±1 value and the model is exactly
 * bit-packable (Larq Compute Engine offers the same choice). The default is 0, as in DL4J and Larq.
 *
 * <p>{@code kernelUpdater(...)} gives the kernel its own updater, e.g. {@link org.bnn4j.nn.updaters.Bop}
 * while the bias keeps the network's.
 *
 * <pre>{@code
 * .layer(new QuantizedConvolutionLayer.Builder(3, 3).nOut(64)
 *         .convolutionMode(ConvolutionMode.Same)
 *         .inputQuantizer(new ApproxSign())       // Bi-Real Net's activations
 *         .kernelQuantizer(new MagnitudeAwareSign())
 *         .padValue(1.0)                          // bit-exact padding for the packed runtime
 *         .hasBias(false)
 *         .build())
 * .layer(new BatchNormalization.Builder().build())
 * }</pre>
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class QuantizedConvolutionLayer extends ConvolutionLayer implements QuantizedLayer {

    /** nIn came from the builder, not from the input type: a disagreeing input is a mistake, not an update. */
    @JsonIgnore
    @EqualsAndHashCode.Exclude
    @ToString.Exclude
    private transient boolean nInDeclared;

    private Quantizer inputQuantizer;
    private Quantizer kernelQuantizer = new Identity();
    private double padValue = 0.0;
    /** Quantizer of the bias "b" (e.g. {@code SteSign}: BinaryNet's binarized bias); null (default): a real bias. */
    private Quantizer biasQuantizer;
    /**
     * Quantizer of the linear op's input where it multiplies the error signal in dW = x^T delta (quantized
     * back-propagation, e.g. {@code PowerOfTwo}); null (the default, and in JSON saved without it): dW from the
     * input itself. The forward pass and the gradient passed down do not change.
     */
    private Quantizer backpropInputQuantizer;
    /** Updater of the kernel "W" only; null: the layer's updater, as for every other parameter. */
    private IUpdater kernelUpdater;

    protected QuantizedConvolutionLayer(BaseBuilder<?> builder) {
        super(builder); // also applies the builder's constraints
        this.inputQuantizer = builder.quantizers.input;
        this.kernelQuantizer = builder.quantizers.kernel;
        this.padValue = builder.padValue;
        this.biasQuantizer = builder.quantizers.bias;
        this.backpropInputQuantizer = builder.quantizers.backpropInput;
        this.kernelUpdater = builder.quantizers.kernelUpdater;
        this.nInDeclared = builder.getNIn() > 0;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet(getClass().getSimpleName(), getLayerName(), layerIndex, getNIn(), getNOut());
        requireNchw(cnn2dDataFormat);
        requirePresetQuantizers();
        return QuantizedLayerSupport.instantiate(this, createLayer(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    /** The implementation this configuration instantiates (the separable convolution has its own). */
    protected org.bnn4j.nn.layers.QuantizedConvolutionLayer createLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new org.bnn4j.nn.layers.QuantizedConvolutionLayer(conf, dataType);
    }

    /**
     * Checks, before the layer is created, that quantizers a preset stands for are still there (e.g. a TTQ preset
     * whose kernel quantizer was replaced after build); the general layer accepts any.
     */
    protected void requirePresetQuantizers() {
    }

    /** 0: W is [nOut, nIn, kH, kW]. */
    @Override
    public int kernelChannelAxis() {
        return 0;
    }

    @Override
    public long kernelChannels() {
        return nOut;
    }

    @Override
    public ParamInitializer initializer() {
        return QuantizedParamInitializer.CONVOLUTION;
    }

    /**
     * Groups of input channels: output channel o reads only the {@code nIn / groups} input channels of group
     * {@code o / (nOut / groups)}. 1 here; {@code nIn} for {@link QuantizedDepthwiseConvolutionLayer}.
     */
    public long groups() {
        return 1;
    }

    /** Weights in the kernel: {@code nOut * (nIn / groups) * kH * kW}. */
    protected long kernelElements() {
        return nOut * (nIn / groups()) * kernelSize[0] * kernelSize[1];
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return QuantizedLayerSupport.updaterFor(paramName, kernelUpdater, super.getUpdaterByParam(paramName));
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return QuantizedLayerSupport.regularizationFor(this, paramName, getUpdaterByParam(paramName),
                super.getRegularizationByParam(paramName));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = requireCnnInput(inputType);
        requireNchw(in.getFormat());
        ConvolutionGeometry g = geometry(in.getHeight(), in.getWidth(), layerIndex);
        return InputType.convolutional(g.getOutHeight(), g.getOutWidth(), nOut, CNN2DFormat.NCHW);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional in = requireCnnInput(inputType);
        requireNchw(in.getFormat());
        if (nInDeclared) {
            QuantizedLayerSupport.requireMatchingNIn(getClass().getSimpleName(), getLayerName(), nIn, in.getChannels());
        }
        super.setNIn(inputType, override);
    }

    /** Output size and exact padding for an input of the given height and width. */
    public ConvolutionGeometry geometry(long inHeight, long inWidth, int layerIndex) {
        try {
            return ConvolutionGeometry.of(describe(layerIndex), convolutionMode, kernelSize, stride, padding,
                    dilation, inHeight, inWidth);
        } catch (IllegalArgumentException e) {
            throw new DL4JInvalidConfigException(e.getMessage(), e);
        }
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType.InputTypeConvolutional in = requireCnnInput(inputType);
        InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long kernelElements = kernelElements();
        long updaterStateSize = QuantizedLayerSupport.updaterStateSize(this, numParams, kernelElements);

        ConvolutionGeometry g = geometry(in.getHeight(), in.getWidth(), -1);
        // Per example: the quantized input, a padded copy of it when padding is explicit, and while
        // training the pre-activations and input gradient (padded) too.
        long inputPerExample = in.arrayElementsPerExample();
        long paddedPerExample = in.getChannels() * (in.getHeight() + g.getPadTop() + g.getPadBottom())
                * (in.getWidth() + g.getPadLeft() + g.getPadRight());
        long inferencePerExample = inputPerExample + paddedPerExample;
        long trainPerExample = inferencePerExample + out.arrayElementsPerExample() + paddedPerExample;

        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(kernelElements, inferencePerExample, kernelElements, trainPerExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    private InputType.InputTypeConvolutional requireCnnInput(InputType inputType) {
        if (inputType == null || inputType.getType() != InputType.Type.CNN) {
            throw new DL4JInvalidConfigException(describe(-1) + ": expected convolutional input "
                    + "(InputType.convolutional(h, w, channels)), got " + inputType);
        }
        return (InputType.InputTypeConvolutional) inputType;
    }

    protected void requireNchw(CNN2DFormat format) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw new DL4JInvalidConfigException(describe(-1) + ": only NCHW (channels first) data is supported, got "
                    + format);
        }
    }

    private String describe(int layerIndex) {
        return QuantizedLayerSupport.describe(getClass().getSimpleName(), getLayerName(), layerIndex);
    }

    /** What every quantized convolution's builder offers; the presets' builders extend it with their defaults. */
    @SuppressWarnings("unchecked")
    public abstract static class BaseBuilder<T extends BaseBuilder<T>> extends ConvolutionLayer.BaseConvBuilder<T>
            implements QuantizedLayerBuilder<T> {
        protected final QuantizerSettings quantizers = new QuantizerSettings();

        @Override
        public QuantizerSettings quantizers() {
            return quantizers;
        }
        protected double padValue = 0.0;

        protected BaseBuilder() {
            super();
            this.activationFn = new ActivationIdentity();
        }

        protected BaseBuilder(int... kernelSize) {
            super(kernelSize);
            this.activationFn = new ActivationIdentity();
        }

        protected BaseBuilder(int[] kernelSize, int[] stride) {
            super(kernelSize, stride);
            this.activationFn = new ActivationIdentity();
        }

        protected BaseBuilder(int[] kernelSize, int[] stride, int[] padding) {
            super(kernelSize, stride, padding);
            this.activationFn = new ActivationIdentity();
        }





        /** Value of padded input taps: 0 (default), +1 or -1. ±1 makes the model exactly bit-packable. */
        public T padValue(double padValue) {
            this.padValue = padValue;
            return (T) this;
        }


        @Override
        protected boolean allowCausal() {
            return false;
        }

        @Override
        public void setKernelSize(int... kernelSize) {
            this.kernelSize = ValidationUtils.validate2NonNegative(kernelSize, false, "kernelSize");
        }

        @Override
        public void setStride(int... stride) {
            this.stride = ValidationUtils.validate2NonNegative(stride, false, "stride");
        }

        @Override
        public void setPadding(int... padding) {
            this.padding = ValidationUtils.validate2NonNegative(padding, false, "padding");
        }

        @Override
        public void setDilation(int... dilation) {
            this.dilation = ValidationUtils.validate2NonNegative(dilation, false, "dilation");
        }

        /** The checks and defaults every quantized convolution shares, for a layer of the given type. */
        protected void validate(String layerType) {
            QuantizedLayerSupport.requireKernelQuantizer(layerType, layerName, quantizers.kernel);
            requireOutputs(layerType);
            if (padValue != 0.0 && padValue != 1.0 && padValue != -1.0) {
                throw new DL4JInvalidConfigException(QuantizedLayerSupport.describe(layerType, layerName, -1)
                        + ": padValue must be 0, +1 or -1, got " + padValue);
            }
            for (int[] positive : new int[][]{kernelSize, stride, dilation}) {
                if (positive[0] < 1 || positive[1] < 1) {
                    throw new DL4JInvalidConfigException(QuantizedLayerSupport.describe(layerType, layerName, -1)
                            + ": kernelSize, stride and dilation must be at least 1, got kernelSize "
                            + java.util.Arrays.toString(kernelSize) + ", stride " + java.util.Arrays.toString(stride)
                            + ", dilation " + java.util.Arrays.toString(dilation));
                }
            }
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            weightConstraints = QuantizedLayerSupport.kernelConstraints(weightConstraints, mostQuantizedKernel());
        }

        /** The kernel quantizer whose precision decides the default latent-weight clip. */
        protected Quantizer mostQuantizedKernel() {
            return quantizers.kernel;
        }

        /** How many outputs the layer has must be known: nOut here. */
        protected void requireOutputs(String layerType) {
            QuantizedLayerSupport.requireNOut(layerType, layerName, nOut);
        }
    }

    /** Builder for {@link QuantizedConvolutionLayer}; see the class Javadoc for an example. */
    public static class Builder extends BaseBuilder<Builder> {

        public Builder() {
            super();
        }

        /** @param kernelSize kernel height and width */
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        public Builder(int[] kernelSize, int[] stride) {
            super(kernelSize, stride);
        }

        public Builder(int[] kernelSize, int[] stride, int[] padding) {
            super(kernelSize, stride, padding);
        }

        @Override
        @SuppressWarnings("unchecked")
        public QuantizedConvolutionLayer build() {
            validate(QuantizedConvolutionLayer.class.getSimpleName());
            return new QuantizedConvolutionLayer(this);
        }
    }
}
