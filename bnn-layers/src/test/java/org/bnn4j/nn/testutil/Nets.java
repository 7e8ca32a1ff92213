package org.bnn4j.nn.testutil;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Random;

/** Small binarized networks and generated tasks shared by the network-level tests. */
public final class Nets {
    private Nets() {
    }

    /** BinaryNet-style MLP: real input -> [BinaryDense -> BN -> sign] x2 -> softmax. */
    public static MultiLayerConfiguration binaryMlp(int nIn, int hidden, int classes, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-2))
                .list()
                .layer(new BinaryDenseLayer.Builder().nOut(hidden).name("dense0").build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new BinaryDenseLayer.Builder().nOut(hidden).inputQuantizer(new SteSign()).name("dense1").build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(nIn))
                .build();
    }

    /** Small XNOR conv net: real-input conv -> BN -> [XnorConv -> BN] -> global average -> softmax. */
    public static MultiLayerConfiguration xnorConvNet(int size, int classes, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-2)).convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).inputQuantizer(null).padValue(0).name("conv0").build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).padValue(1.0).name("conv1").build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(size, size, 1))
                .build();
    }

    /** The same conv net as a ComputationGraph. */
    public static ComputationGraphConfiguration xnorConvGraph(int size, int classes, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-2)).convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .addLayer("conv0", new XnorConvolutionLayer.Builder(3, 3).nOut(16).inputQuantizer(null).build(), "in")
                .addLayer("bn0", new BatchNormalization.Builder().build(), "conv0")
                .addLayer("sign0", new ActivationLayer.Builder().activation(new ActivationSteSign()).build(), "bn0")
                .addLayer("conv1", new XnorConvolutionLayer.Builder(3, 3).nOut(16).padValue(-1).build(), "sign0")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn1")
                .addLayer("dense", new BinaryDenseLayer.Builder().nOut(32).inputQuantizer(new SteSign()).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(size, size, 1))
                .build();
    }

    /**
     * An MLP whose every weight matrix is binary and trained by {@code bop}, Adam training only biases and
     * BatchNormalization: real input -> BinaryDense -> BN -> sign -> BinaryDense (one output per class) -> BN
     * -> softmax loss. With its kernels frozen it can hardly beat chance, so what it learns, Bop taught it.
     */
    public static MultiLayerConfiguration bopMlp(int nIn, int hidden, int classes, long seed, Bop bop) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-2))
                .list()
                .layer(new BinaryDenseLayer.Builder().nOut(hidden).kernelUpdater(bop).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new BinaryDenseLayer.Builder().nOut(classes).inputQuantizer(new SteSign()).kernelUpdater(bop).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(nIn))
                .build();
    }

    /**
     * Small TTQ conv net, real pixels in: [TernaryConv -> BN -> ReLU] x2 -> global average -> softmax. (The
     * paper keeps the first layer in full precision; ternarizing it too makes the test harder, not easier.)
     */
    public static MultiLayerConfiguration ternaryConvNet(int size, int channels, int classes, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(1e-2)).convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new TernaryConvolutionLayer.Builder(3, 3).nOut(channels).name("conv0").build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new TernaryConvolutionLayer.Builder(3, 3).nOut(channels).name("conv1").build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(size, size, 1))
                .build();
    }

    /** Gaussian clusters in nIn dimensions: one centre per class, noise sd 1, centres sd 1.2. */
    public static DataSet clusters(int n, int nIn, int classes, long seed) {
        Random r = new Random(seed);
        double[][] centres = new double[classes][nIn];
        Random cr = new Random(99);
        for (double[] c : centres) for (int j = 0; j < nIn; j++) c[j] = cr.nextGaussian() * 1.2;
        INDArray x = Nd4j.create(DataType.FLOAT, n, nIn);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(classes);
            for (int j = 0; j < nIn; j++) x.putScalar(i, j, centres[c][j] + r.nextGaussian());
            y.putScalar(i, c, 1);
        }
        return new DataSet(x, y);
    }

    /**
     * size x size images of ±1 stripes (period 4, random phase) in one of four orientations, the class:
     * horizontal, vertical, diagonal, anti-diagonal; 10% of pixels flipped as noise. Every pixel carries
     * signal, so batch statistics do not hinge on a constant background.
     */
    public static DataSet stripes(int n, int size, long seed) {
        int[][] directions = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};
        Random r = new Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, 1, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(4);
            int phase = r.nextInt(4);
            for (int p = 0; p < size; p++) for (int q = 0; q < size; q++) {
                int t = Math.floorMod(p * directions[c][0] + q * directions[c][1] + phase, 4);
                double v = t < 2 ? 1.0 : -1.0;
                x.putScalar(new long[]{i, 0, p, q}, r.nextDouble() < 0.1 ? -v : v);
            }
            y.putScalar(i, c, 1);
        }
        return new DataSet(x, y);
    }
}
