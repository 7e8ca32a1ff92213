package org.bnn4j.nn.networks;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.bnn4j.nn.conf.layers.TernaryDenseLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** With Identity quantizers the layers are ordinary dense/conv layers and must pass DL4J's numerical gradient check. */
class GradientCheckTest {
    private static DataType previousDefault;
    private static DataType previousFloatingDefault;

    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.dataType();
        previousFloatingDefault = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousDefault, previousFloatingDefault);
    }

    private static NeuralNetConfiguration.ListBuilder layers(ConvolutionMode mode, double padValue) {
        return new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).convolutionMode(mode)
                .list()
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(3).stride(2, 1).padding(1, 1).padValue(padValue)
                        .inputQuantizer(new Identity()).kernelQuantizer(new Identity()).activation(Activation.TANH).build())
                .layer(new XnorConvolutionLayer.Builder(2, 2).nOut(2).dilation(1, 2).hasBias(false)
                        .inputQuantizer(new Identity()).kernelQuantizer(new Identity()).activation(Activation.SIGMOID).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new BinaryDenseLayer.Builder().nOut(5).kernelQuantizer(new Identity()).activation(Activation.TANH).build())
                .layer(new BinaryDenseLayer.Builder().nOut(4).kernelQuantizer(new Identity()).hasBias(false)
                        .inputQuantizer(new Identity()).activation(Activation.SOFTSIGN).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build());
    }

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        for (int i = 0; i < 4; i++) y.putScalar(i, i % 3, 1);
        return y;
    }

    @ParameterizedTest
    @EnumSource(value = ConvolutionMode.class, names = {"Truncate", "Same"})
    void multiLayerNetworkPassesNumericalGradientCheck(ConvolutionMode mode) {
        for (double padValue : new double[]{0.0, 1.0}) {
            MultiLayerNetwork net = new MultiLayerNetwork(layers(mode, padValue).setInputType(InputType.convolutional(7, 6, 2)).build());
            net.init();
            INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2, 7, 6).subi(0.5);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(labels())
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
            assertTrue(ok, "gradient check, mode " + mode + ", padValue " + padValue);
        }
    }

    /**
     * TTQ's output is smooth in everything but its latent weights (whose gradient is the paper's estimator, not
     * a derivative), so with those excluded the trained scales, biases and inputs pass the numerical check.
     */
    @Test
    void ternaryLayersPassNumericalGradientCheckExceptForLatentWeights() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(14).dataType(DataType.DOUBLE)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new TernaryConvolutionLayer.Builder(3, 3).nOut(3).stride(2, 1).thresholdFactor(0.3).activation(Activation.TANH).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new TernaryDenseLayer.Builder().nOut(5).thresholdFactor(0.3).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 5, 2)).build());
        net.init();
        net.getParam("0_Wp").assign(0.7);
        net.getParam("2_Wn").assign(1.6);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2, 6, 5).subi(0.5);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(labels())
                .excludeParams(Set.of("0_W", "2_W")));
        assertTrue(ok, "gradient check of Wp, Wn, biases and the layers after");
    }

    @ParameterizedTest
    @EnumSource(value = ConvolutionMode.class, names = {"Truncate", "Same"})
    void computationGraphPassesNumericalGradientCheck(ConvolutionMode mode) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(13).dataType(DataType.DOUBLE)
                .updater(new NoOp()).convolutionMode(mode)
                .graphBuilder().addInputs("in")
                .addLayer("conv", new XnorConvolutionLayer.Builder(3, 3).nOut(3).padValue(-1)
                        .inputQuantizer(new Identity()).kernelQuantizer(new Identity()).activation(Activation.TANH).build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "conv")
                .addLayer("dense", new BinaryDenseLayer.Builder().nOut(4).kernelQuantizer(new Identity()).activation(Activation.TANH).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").setInputTypes(InputType.convolutional(5, 5, 2)).build());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2, 5, 5).subi(0.5);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net).inputs(new INDArray[]{x})
                .labels(new INDArray[]{labels()}));
        assertTrue(ok, "gradient check, mode " + mode);
    }
}
