package org.bnn4j.examples;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.BnnConfigValidator;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.quantizers.SteSign;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Random;
import java.util.concurrent.Callable;

/**
 * The main job, in its first form: trains a small BinaryNet-style MLP (binary weights everywhere,
 * binary activations between layers) on generated data and prints its test accuracy.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Train a small binarized MLP and print its accuracy.")
public class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--epochs", defaultValue = "10", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--hidden", defaultValue = "256", description = "Width of the two binarized hidden layers (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    private static final int FEATURES = 64, CLASSES = 10;

    @Override
    public Integer call() {
        DataSet train = clusters(8192, seed);
        DataSet test = clusters(2048, seed + 1);
        MultiLayerConfiguration conf = binaryMlp(hidden, seed);
        BnnConfigValidator.requireValid(conf);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        System.out.printf("BinaryNet-style MLP %d-%d-%d-%d (binary weights in every layer), %d parameters, generated data (%d classes)%n",
                FEATURES, hidden, hidden, CLASSES, net.numParams(), CLASSES);
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            train.shuffle(seed + epoch);
            for (DataSet batch : train.batchBy(128)) {
                net.fit(batch);
            }
            System.out.printf("epoch %2d  loss %.4f  test accuracy %.2f%%%n", epoch, net.score(), 100 * accuracy(net, test));
        }
        System.out.printf("Trained in %.1f s. Final test accuracy: %.2f%% (chance: %.0f%%)%n",
                (System.nanoTime() - start) / 1e9, 100 * accuracy(net, test), 100.0 / CLASSES);
        return 0;
    }

    private static double accuracy(MultiLayerNetwork net, DataSet data) {
        Evaluation e = new Evaluation(CLASSES);
        e.eval(data.getLabels(), net.output(data.getFeatures()));
        return e.accuracy();
    }

    static MultiLayerConfiguration binaryMlp(int hidden, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(3e-3))
                .list()
                .layer(new BinaryDenseLayer.Builder().nOut(hidden).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new BinaryDenseLayer.Builder().nOut(hidden).inputQuantizer(new SteSign()).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new BinaryDenseLayer.Builder().nOut(CLASSES).inputQuantizer(new SteSign()).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(FEATURES))
                .build();
    }

    /** Gaussian clusters, one centre per class; the same centres for every seed. */
    static DataSet clusters(int n, long seed) {
        Random centres = new Random(1234);
        double[][] c = new double[CLASSES][FEATURES];
        for (double[] row : c) for (int j = 0; j < FEATURES; j++) row[j] = centres.nextGaussian() * 0.6;
        Random r = new Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, FEATURES);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(CLASSES);
            for (int j = 0; j < FEATURES; j++) x.putScalar(i, j, c[k][j] + r.nextGaussian());
            y.putScalar(i, k, 1);
        }
        return new DataSet(x, y);
    }
}
