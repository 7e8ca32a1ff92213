package org.bnn4j.nn.conf.layers;

import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.NoArgsConstructor;
import lombok.ToString;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.bnn4j.nn.params.QuantizedDenseParamInitializer;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
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
 * A fully connected layer with quantized weights (and optionally quantized inputs), trained through its
 * latent float weights: BinaryConnect / BinaryNet's dense layer. Forward: {@code a = act(q_in(x) · q_k(W) + b)};
 * backward: gradients reach the latent W through the kernel quantizer's straight-through estimator.
 *
 * <p>Defaults: kernel quantizer {@link SteSign}; no input quantizer (the first layer sees real pixels);
 * bias on; latent weights clipped to [-1, 1] (for quantized kernels); activation identity, because a
 * binarized block is followed by BatchNormalization and a sign, not by DL4J's global default sigmoid.
 * {@code kernelUpdater(...)} gives the kernel its own updater, e.g. {@link org.bnn4j.nn.updaters.Bop}
 * while the bias keeps the network's.
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
 *         .seed(42).updater(new Adam(1e-3))
 *         .list()
 *         .layer(new BinaryDenseLayer.Builder().nOut(1024).build())                 // real pixels in
 *         .layer(new BatchNormalization.Builder().build())
 *         .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
 *         .layer(new BinaryDenseLayer.Builder().nOut(1024).inputQuantizer(new SteSign()).build())
 *         .layer(new BatchNormalization.Builder().build())
 *         .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
 *         .setInputType(InputType.feedForward(784))
 *         .build();
 * }</pre>
 */
@Data
@NoArgsConstructor
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class BinaryDenseLayer extends FeedForwardLayer implements QuantizedLayer {

    /** nIn came from the builder, not from the input type: a disagreeing input is a mistake, not an update. */
    @JsonIgnore
    @EqualsAndHashCode.Exclude
    @ToString.Exclude
    private transient boolean nInDeclared;

    private Quantizer inputQuantizer;
    private Quantizer kernelQuantizer = new SteSign();
    private boolean hasBias = true;
    /** Updater of the kernel "W" only; null: the layer's updater, as for every other parameter. */
    private IUpdater kernelUpdater;

    protected BinaryDenseLayer(BaseBuilder<?> builder) {
        super(builder);
        this.inputQuantizer = builder.inputQuantizer;
        this.kernelQuantizer = builder.kernelQuantizer;
        this.hasBias = builder.hasBias;
        this.kernelUpdater = builder.kernelUpdater;
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
        return QuantizedLayerSupport.instantiate(this, createLayer(conf, networkDataType), conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    /** The implementation this configuration instantiates. */
    protected org.bnn4j.nn.layers.BinaryDenseLayer createLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new org.bnn4j.nn.layers.BinaryDenseLayer(conf, networkDataType);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return QuantizedLayerSupport.updaterFor(paramName, kernelUpdater, super.getUpdaterByParam(paramName));
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return QuantizedLayerSupport.regularizationFor(paramName, getUpdaterByParam(paramName),
                super.getRegularizationByParam(paramName));
    }

    @Override
    public ParamInitializer initializer() {
        return QuantizedDenseParamInitializer.getInstance();
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

    /** What every quantized dense layer's builder offers; {@link Builder} and TernaryDenseLayer's extend it. */
    @SuppressWarnings("unchecked")
    public abstract static class BaseBuilder<T extends BaseBuilder<T>> extends FeedForwardLayer.Builder<T> {
        protected Quantizer inputQuantizer;
        protected Quantizer kernelQuantizer = new SteSign();
        protected boolean hasBias = true;
        protected IUpdater kernelUpdater;

        protected BaseBuilder() {
            this.activationFn = new ActivationIdentity();
        }

        /** Quantizer for the layer's input; {@code null} (default) keeps real-valued input. */
        public T inputQuantizer(Quantizer inputQuantizer) {
            this.inputQuantizer = inputQuantizer;
            return (T) this;
        }

        /** Whether the layer has a bias (default true). */
        public T hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return (T) this;
        }

        /**
         * Updater for the kernel "W" alone (default: the layer's updater). {@code kernelUpdater(new Bop())}
         * trains a binary kernel with Bop while the bias and every other layer keep the network's updater.
         */
        public T kernelUpdater(IUpdater kernelUpdater) {
            this.kernelUpdater = kernelUpdater;
            return (T) this;
        }

        /** The checks and defaults every quantized dense layer shares, for a layer of the given type. */
        protected void validate(String layerType) {
            QuantizedLayerSupport.requireKernelQuantizer(layerType, layerName, kernelQuantizer);
            QuantizedLayerSupport.requireNOut(layerType, layerName, nOut);
            weightConstraints = QuantizedLayerSupport.kernelConstraints(weightConstraints, kernelQuantizer);
        }
    }

    /** Builder for {@link BinaryDenseLayer}; see the class Javadoc for an example. */
    public static class Builder extends BaseBuilder<Builder> {

        /** Quantizer for the latent weights (default {@link SteSign}); {@code new Identity()} for float weights. */
        public Builder kernelQuantizer(Quantizer kernelQuantizer) {
            this.kernelQuantizer = kernelQuantizer;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public BinaryDenseLayer build() {
            validate(BinaryDenseLayer.class.getSimpleName());
            return new BinaryDenseLayer(this);
        }
    }
}
