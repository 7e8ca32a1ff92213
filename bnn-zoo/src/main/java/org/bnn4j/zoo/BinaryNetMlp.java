package org.bnn4j.zoo;

import lombok.AccessLevel;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Getter;
import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.BnnConfigValidator;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.SteSign;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
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
 * <pre>{@code
 * MultiLayerNetwork net = BinaryNetMlp.builder().width(BinaryNetMlp.QUICK_WIDTH).numClasses(10).build().init();
 * net.fit(mnistTrain, 20);
 * }</pre>
 */
@Builder
@Getter
@AllArgsConstructor(access = AccessLevel.PRIVATE)
public class BinaryNetMlp extends ZooModel<BinaryNetMlp> {
    /** The paper's hidden width. */
    public static final int PAPER_WIDTH = 4096;
    /** A width that trains in minutes on a CPU. */
    public static final int QUICK_WIDTH = 1024;

    @Builder.Default private final long seed = 1234;
    @Builder.Default private final int numClasses = 10;
    @Builder.Default private final int inputSize = 784;
    @Builder.Default private final int width = PAPER_WIDTH;
    @Builder.Default private final int hiddenLayers = 3;
    /** Fraction of inputs dropped before the first layer (the paper: 0.2). */
    @Builder.Default private final double inputDropout = 0.2;
    /** Fraction of hidden activations dropped before the other layers (the paper: 0.5). */
    @Builder.Default private final double hiddenDropout = 0.5;
    @Builder.Default private final OutputLoss outputLoss = OutputLoss.SOFTMAX_CROSS_ENTROPY;
    @Builder.Default private final boolean fullPrecision = false;
    @Builder.Default private final IUpdater updater = new Adam(3e-3);
    @Builder.Default private final WorkspaceMode workspaceMode = WorkspaceMode.ENABLED;

    /** The network configuration (validated). */
    public MultiLayerConfiguration conf() {
        ZooValidation.requirePositive("BinaryNetMlp", "numClasses", numClasses);
        ZooValidation.requirePositive("BinaryNetMlp", "inputSize", inputSize);
        ZooValidation.requirePositive("BinaryNetMlp", "width", width);
        ZooValidation.requirePositive("BinaryNetMlp", "hiddenLayers", hiddenLayers);
        ZooValidation.requireFraction("BinaryNetMlp", "inputDropout", inputDropout);
        ZooValidation.requireFraction("BinaryNetMlp", "hiddenDropout", hiddenDropout);

        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(updater)
                .trainingWorkspaceMode(workspaceMode).inferenceWorkspaceMode(workspaceMode)
                .list();
        for (int i = 0; i <= hiddenLayers; i++) {
            boolean last = i == hiddenLayers;
            BinaryDenseLayer.Builder dense = new BinaryDenseLayer.Builder()
                    .name("dense" + i)
                    .nOut(last ? numClasses : width)
                    // Inputs are real pixels or already ±1 from the sign layer. No input quantizer: it
                    // would turn the zeros of dropout into +1.
                    .kernelQuantizer(fullPrecision ? new Identity() : new SteSign());
            double drop = i == 0 ? inputDropout : hiddenDropout;
            if (drop > 0) {
                dense.dropOut(1 - drop); // DL4J takes the probability of *keeping* an input
            }
            list.layer(dense.build());
            list.layer(new BatchNormalization.Builder().name("bn" + i).decay(0.9).eps(1e-4).build());
            if (!last) {
                list.layer(new ActivationLayer.Builder().name("sign" + i).activation(
                        fullPrecision ? Activation.HARDTANH.getActivationFunction() : new ActivationSteSign()).build());
            }
        }
        MultiLayerConfiguration conf = list.layer(outputLoss.lossLayer())
                .setInputType(InputType.feedForward(inputSize))
                .build();
        BnnConfigValidator.requireValid(conf);
        return conf;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MultiLayerNetwork init() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        return net;
    }

    @Override
    public void setInputShape(int[][] inputShape) {
        throw new UnsupportedOperationException("Set the input size with BinaryNetMlp.builder().inputSize(...)");
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
    public String pretrainedUrl(PretrainedType pretrainedType) {
        return null;
    }

    @Override
    public long pretrainedChecksum(PretrainedType pretrainedType) {
        return 0L;
    }

    @Override
    public String modelName() {
        return fullPrecision ? "binarynet-mlp-fp" : "binarynet-mlp";
    }
}
