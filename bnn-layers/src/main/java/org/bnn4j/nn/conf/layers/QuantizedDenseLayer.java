package org.bnn4j.nn.conf.layers;

import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.NoArgsConstructor;
import lombok.ToString;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.bnn4j.nn.params.QuantizedParamInitializer;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.Identity;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

import java.util.Collection;
import java.util.List;

/**
 * A fully connected layer parametrized by quantizers, like Larq's {@code QuantDense}:
 * {@code a = act(q_in(x) · q_k(W) + b)}, trained through its latent float weights W, gradients reaching W (and the
 * kernel quantizer's own trained parameters, if it has any) through the quantizer's straight-through estimator.
 * What the layer binarizes or ternarizes is decided by its quantizers alone: with {@code Identity} (the default
 * kernel quantizer) and no input quantizer it is a plain float dense layer. The presets {@link BinaryDenseLayer}
 * (BinaryConnect / BinaryNet) and {@link TernaryDenseLayer} (TTQ) are this layer with other defaults.
 *
 * <p>Defaults: no input quantizer; kernel quantizer {@code Identity}; bias on; latent weights of a quantized kernel
 * clipped to [-1, 1]; activation identity, because a binarized block is followed by BatchNormalization and a sign,
 * not by DL4J's global default sigmoid. {@code kernelUpdater(...)} gives the kernel its own updater, e.g.
 * {@link org.bnn4j.nn.updaters.Bop} while the bias keeps the network's.
 *
 * <pre>{@code
 * .layer(new QuantizedDenseLayer.Builder().nOut(1024)
 *         .inputQuantizer(new SteSign())               // binary activations
 *         .kernelQuantizer(new TrainedTernary(0.05))   // a quantizer with trained parameters (Wp, Wn)
 *         .build())
 * .layer(new BatchNormalization.Builder().build())
 * }</pre>
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class QuantizedDenseLayer extends FeedForwardLayer implements QuantizedLayer {

    /** nIn came from the builder, not from the input type: a disagreeing input is a mistake, not an update. */
    @JsonIgnore
    @EqualsAndHashCode.Exclude
    @ToString.Exclude
    private transient boolean nInDeclared;

    private Quantizer inputQuantizer;
    private Quantizer kernelQuantizer = new Identity();
    private boolean hasBias = true;
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

    protected QuantizedDenseLayer(BaseBuilder<?> builder) {
        super(builder);
        this.inputQuantizer = builder.quantizers.input;
        this.kernelQuantizer = builder.quantizers.kernel;
        this.hasBias = builder.hasBias;
        this.biasQuantizer = builder.quantizers.bias;
        this.backpropInputQuantizer = builder.quantizers.backpropInput;
        this.kernelUpdater = builder.quantizers.kernelUpdater;
        this.nInDeclared = builder.getNIn() > 0;
        initializeConstraints(builder);
    }

    public boolean hasBias() {
        return hasBias;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet(getClass().getSimpleName(), getLayerName(), layerIndex, getNIn(), getNOut());
        requirePresetQuantizers();
        return QuantizedLayerSupport.instantiate(this, new org.bnn4j.nn.layers.QuantizedDenseLayer(conf, networkDataType),
                conf, trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    /**
     * Checks, before the layer is created, that quantizers a preset stands for are still there (e.g. a TTQ preset
     * whose kernel quantizer was replaced after build); the general layer accepts any.
     */
    protected void requirePresetQuantizers() {
    }

    /** 1: W is [nIn, nOut]. */
    @Override
    public int kernelChannelAxis() {
        return 1;
    }

    @Override
    public long kernelChannels() {
        return nOut;
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
    public ParamInitializer initializer() {
        return QuantizedParamInitializer.DENSE;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nInDeclared && inputType != null && inputType.getType() == InputType.Type.FF) {
            QuantizedLayerSupport.requireMatchingNIn(getClass().getSimpleName(), getLayerName(), nIn,
                    ((InputType.InputTypeFeedForward) inputType).getSize());
        }
        super.setNIn(inputType, override);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long kernelSize = nIn * nOut;
        long updaterStateSize = QuantizedLayerSupport.updaterStateSize(this, numParams, kernelSize);

        // Fixed: the quantized kernel (same size as W). Per example: the quantized input, and while
        // training the pre-activations and the input gradient as well.
        long inferencePerExample = inputQuantizer == null ? 0 : inputType.arrayElementsPerExample();
        long trainPerExample = inferencePerExample + outputType.arrayElementsPerExample()
                + inputType.arrayElementsPerExample() * (getIDropout() != null ? 2 : 1);

        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(kernelSize, inferencePerExample, kernelSize, trainPerExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** What every quantized dense layer's builder offers; the presets' builders extend it with their defaults. */
    @SuppressWarnings("unchecked")
    public abstract static class BaseBuilder<T extends BaseBuilder<T>> extends FeedForwardLayer.Builder<T>
            implements QuantizedLayerBuilder<T> {
        protected final QuantizerSettings quantizers = new QuantizerSettings();

        @Override
        public QuantizerSettings quantizers() {
            return quantizers;
        }
        protected boolean hasBias = true;

        protected BaseBuilder() {
            this.activationFn = new ActivationIdentity();
        }





        /** Whether the layer has a bias (default true). */
        public T hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return (T) this;
        }


        /** The checks and defaults every quantized dense layer shares, for a layer of the given type. */
        protected void validate(String layerType) {
            QuantizedLayerSupport.requireKernelQuantizer(layerType, layerName, quantizers.kernel);
            QuantizedLayerSupport.requireNOut(layerType, layerName, nOut);
            weightConstraints = QuantizedLayerSupport.kernelConstraints(weightConstraints, quantizers.kernel);
        }
    }

    /** Builder for {@link QuantizedDenseLayer}; see the class Javadoc for an example. */
    public static class Builder extends BaseBuilder<Builder> {

        @Override
        @SuppressWarnings("unchecked")
        public QuantizedDenseLayer build() {
            validate(QuantizedDenseLayer.class.getSimpleName());
            return new QuantizedDenseLayer(this);
        }
    }
}
