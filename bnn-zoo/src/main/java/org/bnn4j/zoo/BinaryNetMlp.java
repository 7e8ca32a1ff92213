package org.bnn4j.zoo;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.BnnConfigValidator;
import org.bnn4j.nn.conf.layers.BatchNorm;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.constraints.WeightClipConstraint;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.quantizers.StochasticSign;
import org.bnn4j.nn.quantizers.StochasticTernary;
import org.bnn4j.nn.schedule.ScaledLearningRate;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.ZooType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * BinaryNet's multilayer perceptron (Courbariaux, Hubara et al. 2016): real-valued pixels into the first
 * layer, binary weights in every layer, and between layers BatchNorm followed by a sign:
 *
 * <pre>
 * input -> [BinaryDense(width) -> BatchNorm -> sign] x hiddenLayers -> BinaryDense(numClasses) -> BatchNorm -> loss
 * </pre>
 *
 * The paper used 3 x 4096 units, dropout 0.2 on the input and 0.5 on hidden layers, BatchNorm momentum 0.1
 * (DL4J decay 0.9) and epsilon 1e-4, and a squared hinge loss; here softmax cross-entropy is the default
 * (it trains faster on CPU budgets) and {@link OutputLoss#SQUARED_HINGE} gives the paper's loss.
 * {@code fullPrecision(true)} builds the twin: same topology, {@link Identity} kernels and hard-tanh (the
 * sign's relaxation) in place of the sign.
 *
 * <p>The same builder makes the MLPs of BinaryConnect (Courbariaux et al. 2015) and of "Neural Networks with Few
 * Multiplications" (Lin et al. 2016): {@code activations(Activations.RELU)} keeps the hidden units real
 * (BatchNorm -> ReLU, also in the twin), {@link Weights} picks deterministic or stochastic binary or ternary
 * kernels, and {@code backpropInputQuantizer(new PowerOfTwo(...))} quantizes the layer inputs of the weight
 * gradient.
 *
 * <pre>{@code
 * MultiLayerNetwork net = BinaryNetMlp.builder().width(BinaryNetMlp.QUICK_WIDTH).numClasses(10).build().init();
 * net.fit(mnistTrain, 20);
 *
 * // TernaryConnect with quantized back-propagation, ReLU hidden units, squared hinge loss
 * MultiLayerNetwork tc = BinaryNetMlp.builder().width(1024).activations(BinaryNetMlp.Activations.RELU)
 *         .weights(BinaryNetMlp.Weights.STOCHASTIC_TERNARY).backpropInputQuantizer(new PowerOfTwo(-8, 0))
 *         .outputLoss(OutputLoss.SQUARED_HINGE).build().init();
 * }</pre>
 */
public class BinaryNetMlp extends BnnZooModel {
    /** What the hidden units are after BatchNorm. */
    public enum Activations {
        /** BinaryNet: sign with the straight-through estimator (hard-tanh in the full-precision twin). */
        SIGN,
        /** BinaryConnect: real-valued ReLU units, binary weights only. */
        RELU
    }

    /** The kernels' quantization; every one trains latent float weights. */
    public enum Weights {
        /** sign(w) (BinaryConnect deterministic, BinaryNet). */
        BINARY,
        /**
         * +1 with probability hard_sigmoid(w) while training; at inference the mean weight clip(w, -1, 1), as
         * BinaryConnect tests its stochastic variant (BatchNorm's statistics were gathered under sampling; with sign(w)
         * instead our MNIST run scored 9.8%). Real weights at inference: it exports with float32 kernels.
         */
        STOCHASTIC_BINARY,
        /** -1, 0 or +1 by thresholds at +-0.5. */
        TERNARY,
        /** sign(w) with probability |w|, else 0, while training (TernaryConnect); at inference clip(w, -1, 1), as above. */
        STOCHASTIC_TERNARY;

        /** Whether inference uses the mean weights (the stochastic kinds): real kernels, exported as float32. */
        boolean meanAtInference() {
            return this == STOCHASTIC_BINARY || this == STOCHASTIC_TERNARY;
        }

        /** The quantizer of layer {@code layer}; stochastic ones get a seed of their own per layer. */
        Quantizer quantizer(long seed, int layer) {
            switch (this) {
                case STOCHASTIC_BINARY: return new StochasticSign(seed + 7919L * (layer + 1), SteSign.DEFAULT_CLIP_VALUE, true);
                case TERNARY: return new SteTernary();
                case STOCHASTIC_TERNARY:
                    return new StochasticTernary(seed + 7919L * (layer + 1), SteSign.DEFAULT_CLIP_VALUE, true);
                default: return new SteSign();
            }
        }
    }

    /** The paper's hidden width. */
    public static final int PAPER_WIDTH = 4096;
    /** A width that trains in minutes on a CPU. */
    public static final int QUICK_WIDTH = 1024;

    private final int inputSize;
    private final int width;
    private final int hiddenLayers;
    private final double inputDropout;
    private final double hiddenDropout;
    private final boolean binarizedBias;
    private final Activations activations;
    private final Weights weights;
    private final Quantizer backpropInputQuantizer;
    private final boolean weightClipping;
    private final boolean glorotKernelLearningRates;

    private BinaryNetMlp(Builder b) {
        super(b);
        this.binarizedBias = b.binarizedBias;
        this.inputSize = b.inputSize;
        this.width = b.width;
        this.hiddenLayers = b.hiddenLayers;
        this.inputDropout = b.inputDropout;
        this.hiddenDropout = b.hiddenDropout;
        this.activations = b.activations;
        this.weights = b.weights;
        this.backpropInputQuantizer = b.backpropInputQuantizer;
        this.weightClipping = b.weightClipping;
        this.glorotKernelLearningRates = b.glorotKernelLearningRates;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int getInputSize() {
        return inputSize;
    }

    public int getWidth() {
        return width;
    }

    public int getHiddenLayers() {
        return hiddenLayers;
    }

    public boolean isBinarizedBias() {
        return binarizedBias;
    }

    public Activations getActivations() {
        return activations;
    }

    public Weights getWeights() {
        return weights;
    }

    /** Whether the quantized kernels' latent weights are clipped to [-1, 1] (BinaryConnect's clipping). */
    public boolean isWeightClipping() {
        return weightClipping;
    }

    /** Whether the quantized kernels learn at BinaryConnect's per-layer (Glorot-scaled) rates. */
    public boolean isGlorotKernelLearningRates() {
        return glorotKernelLearningRates;
    }

    /** BinaryNet's Adam learning rate. */
    @Override
    protected IUpdater defaultUpdater() {
        return new Adam(3e-3);
    }

    /** The network configuration (validated). */
    public MultiLayerConfiguration conf() {
        ZooValidation.requirePositive("BinaryNetMlp", "numClasses", getNumClasses());
        ZooValidation.requirePositive("BinaryNetMlp", "inputSize", inputSize);
        ZooValidation.requirePositive("BinaryNetMlp", "width", width);
        ZooValidation.requirePositive("BinaryNetMlp", "hiddenLayers", hiddenLayers);
        ZooValidation.requireFraction("BinaryNetMlp", "inputDropout", inputDropout);
        ZooValidation.requireFraction("BinaryNetMlp", "hiddenDropout", hiddenDropout);

        if (glorotKernelLearningRates && getBinaryKernelUpdater() != null) {
            throw new IllegalArgumentException("BinaryNetMlp: glorotKernelLearningRates scales the model's updater for the "
                    + "kernels; it cannot also take binaryKernelUpdater " + getBinaryKernelUpdater());
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(getSeed()).updater(getUpdater())
                .trainingWorkspaceMode(getWorkspaceMode()).inferenceWorkspaceMode(getWorkspaceMode())
                .list();
        for (int i = 0; i <= hiddenLayers; i++) {
            boolean last = i == hiddenLayers;
            BinaryDenseLayer.Builder dense = new BinaryDenseLayer.Builder()
                    .name("dense" + i)
                    .nOut(last ? getNumClasses() : width)
                    // Inputs are real pixels or already ±1 from the sign layer. No input quantizer: it
                    // would turn the zeros of dropout into +1.
                    .kernelQuantizer(isFullPrecision() ? new Identity() : weights.quantizer(getSeed(), i))
                    .biasQuantizer(binarizedBias && !isFullPrecision() ? new SteSign() : null)
                    .backpropInputQuantizer(backpropInputQuantizer)
                    .kernelUpdater(isFullPrecision() ? null : kernelUpdater(i == 0 ? inputSize : width, last ? getNumClasses() : width));
            if (!weightClipping) {
                dense.constrainWeights(); // none, on purpose (the default clips quantized kernels to [-1, 1])
            } else if (!isFullPrecision() && weights.meanAtInference()) {
                // precision 32 at inference, so no default clip; sampling needs |w| <= 1 like any BinaryConnect kernel
                dense.constrainWeights(new WeightClipConstraint(-1, 1));
            }
            double drop = i == 0 ? inputDropout : hiddenDropout;
            if (drop > 0) {
                dense.dropOut(1 - drop); // DL4J takes the probability of *keeping* an input
            }
            list.layer(dense.build());
            list.layer(new BatchNorm.Builder().name("bn" + i).decay(0.9).eps(1e-4).build());
            if (!last) {
                list.layer(hiddenActivation(i));
            }
        }
        MultiLayerConfiguration conf = GradientClipping.apply(list.layer(getOutputLoss().lossLayer())
                .setInputType(InputType.feedForward(inputSize))
                .build(), getGradientClipping());
        BnnConfigValidator.requireValid(conf);
        return conf;
    }

    /**
     * The quantized kernels' updater: Bop if given; with {@code glorotKernelLearningRates}, the model's updater at
     * BinaryConnect's per-layer rate, 1 / sqrt(1.5 / (fanIn + fanOut)) times the model's (its latent weights must cross
     * [-1, 1] in a few hundred steps from an initialisation of a few hundredths); else null (the model's).
     */
    private IUpdater kernelUpdater(long fanIn, long fanOut) {
        if (!glorotKernelLearningRates) {
            return getBinaryKernelUpdater();
        }
        IUpdater network = getUpdater();
        IUpdater kernel = network.clone();
        kernel.setLrAndSchedule(Double.NaN, new ScaledLearningRate(network, 1 / Math.sqrt(1.5 / (fanIn + fanOut))));
        return kernel;
    }

    private ActivationLayer hiddenActivation(int i) {
        if (activations == Activations.RELU) {
            return new ActivationLayer.Builder().name("relu" + i).activation(Activation.RELU).build();
        }
        return new ActivationLayer.Builder().name("sign" + i).activation(
                isFullPrecision() ? Activation.HARDTANH.getActivationFunction() : new ActivationSteSign()).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public MultiLayerNetwork init() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        return net;
    }

    @Override
    public ModelMetaData metaData() {
        return new ModelMetaData(new int[][]{{inputSize}}, 1, ZooType.CNN);
    }

    @Override
    public Class<? extends Model> modelType() {
        return MultiLayerNetwork.class;
    }

    @Override
    public String modelName() {
        return isFullPrecision() ? "binarynet-mlp-fp" : "binarynet-mlp";
    }

    /** Builder for {@link BinaryNetMlp}; see the class Javadoc for an example. */
    public static final class Builder extends BnnZooModel.Builder<BinaryNetMlp, Builder> {
        private int inputSize = 784;
        private int width = PAPER_WIDTH;
        private int hiddenLayers = 3;
        private double inputDropout = 0.2;
        private double hiddenDropout = 0.5;
        private boolean binarizedBias;
        private Activations activations = Activations.SIGN;
        private Weights weights = Weights.BINARY;
        private Quantizer backpropInputQuantizer;
        private boolean weightClipping = true;
        private boolean glorotKernelLearningRates;

        /** Input features (default 784, MNIST's 28x28). */
        public Builder inputSize(int inputSize) {
            this.inputSize = inputSize;
            return this;
        }

        /** Units per hidden layer (default {@link #PAPER_WIDTH}; {@link #QUICK_WIDTH} trains in minutes). */
        public Builder width(int width) {
            this.width = width;
            return this;
        }

        /** Number of hidden layers (default 3). */
        public Builder hiddenLayers(int hiddenLayers) {
            this.hiddenLayers = hiddenLayers;
            return this;
        }

        /** Fraction of inputs dropped before the first layer (default and the paper: 0.2). */
        public Builder inputDropout(double inputDropout) {
            this.inputDropout = inputDropout;
            return this;
        }

        /** Fraction of hidden activations dropped before the other layers (default and the paper: 0.5). */
        public Builder hiddenDropout(double hiddenDropout) {
            this.hiddenDropout = hiddenDropout;
            return this;
        }

        /** Sign (default, BinaryNet) or ReLU (BinaryConnect) hidden units. */
        public Builder activations(Activations activations) {
            this.activations = java.util.Objects.requireNonNull(activations, "activations");
            return this;
        }

        /** Binary (default), stochastic binary, ternary or stochastic ternary kernels (ignored by the twin). */
        public Builder weights(Weights weights) {
            this.weights = java.util.Objects.requireNonNull(weights, "weights");
            return this;
        }

        /**
         * Quantizes each dense layer's input in the weight gradient only, e.g. {@code new PowerOfTwo(-8, 0)} for Lin et
         * al.'s quantized back-propagation (default null: the exact input).
         */
        public Builder backpropInputQuantizer(Quantizer backpropInputQuantizer) {
            this.backpropInputQuantizer = backpropInputQuantizer;
            return this;
        }

        /**
         * BinaryConnect's per-layer learning rates: each quantized kernel learns 1 / sqrt(1.5 / (fanIn + fanOut)) times
         * the model's rate (about 35x for 1024-wide layers), on the same schedule; biases and BatchNorm keep the model's
         * (default false). The stochastic kernels need it: at Adam 3e-3 our stochastic BinaryConnect MLP stayed at
         * chance on MNIST.
         */
        public Builder glorotKernelLearningRates(boolean glorotKernelLearningRates) {
            this.glorotKernelLearningRates = glorotKernelLearningRates;
            return this;
        }

        /** Clip the quantized kernels' latent weights to [-1, 1] after each update (default true, as the papers do). */
        public Builder weightClipping(boolean weightClipping) {
            this.weightClipping = weightClipping;
            return this;
        }

        /** Binarize the dense layers' biases too: sign(b) forward, STE backward (default false; real in the twin). */
        public Builder binarizedBias(boolean binarizedBias) {
            this.binarizedBias = binarizedBias;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public BinaryNetMlp build() {
            return new BinaryNetMlp(this);
        }
    }
}
