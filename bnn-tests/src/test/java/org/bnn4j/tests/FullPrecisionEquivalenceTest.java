package org.bnn4j.tests;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.tests.testutil.Data;
import org.bnn4j.tests.testutil.Equivalence;
import org.bnn4j.tests.testutil.RuntimeVsDl4j;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Full-precision layers stay float32 and agree with DL4J: stock Dense/Convolution/Subsampling layers (with
 * dilation, which DL4J's stock convolution supports), activations, a LossLayer, and bnn4j layers with
 * {@link Identity} quantizers (the full-precision twin of a binarized model).
 */
class FullPrecisionEquivalenceTest {

    @Test
    void stockLayersAndActivationsAgree() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).updater(new Adam(1e-2)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).name("conv0").build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).dilation(2, 2).padding(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).name("dilated").build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().activation(new ActivationLReLU(0.1)).name("leaky").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("pool").build())
                .layer(new DenseLayer.Builder().nOut(20).activation(Activation.TANH).name("dense").build())
                .layer(new DropoutLayer.Builder(0.5).name("drop").build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.SIGMOID).hasBias(false).name("dense2").build())
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.IDENTITY).name("logits").build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).name("loss").build())
                .setInputType(InputType.convolutional(12, 12, 2))
                .build();
        RuntimeVsDl4j.Report r = Equivalence.ofImages(conf, 2, 12, 2);
        assertEquals(0, r.exported().summary().binaryMacs());
    }

    @Test
    void identityQuantizedTwinAgrees() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).updater(new Adam(1e-2)).list()
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(8).inputQuantizer(new Identity()).kernelQuantizer(new Identity())
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU6).name("conv").build())
                .layer(new BatchNormalization.Builder().name("bn").build())
                .layer(new BinaryDenseLayer.Builder().nOut(16).kernelQuantizer(new Identity()).name("dense").build())
                .layer(new BatchNormalization.Builder().name("bn2").build())
                .layer(new ActivationLayer.Builder().activation(Activation.HARDTANH).name("hardtanh").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        RuntimeVsDl4j.Report r = Equivalence.ofImages(conf, 1, 8, 2);
        assertEquals(0, r.exported().summary().binaryParams());
    }

    /** A dense MLP given as flattened images (InputType.convolutionalFlat): the exporter infers the input type. */
    @Test
    void flattenedImageInputIsInferred() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(9).updater(new Adam(1e-2)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).name("conv").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.convolutionalFlat(6, 6, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Data.train(net, Data.clusters(128, 36, 3, 1), 1);
        Equivalence.ofVectors(net, 36, 3);
    }
}
