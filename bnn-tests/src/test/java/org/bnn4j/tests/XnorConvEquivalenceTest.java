package org.bnn4j.tests;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.tests.testutil.Equivalence;
import org.bnn4j.tests.testutil.RuntimeVsDl4j;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XNOR-Net convolution nets (MagnitudeAwareSign kernels by default) exported and run on 1,000 images: every
 * padding mode (Same with stride 2, Truncate with padding and dilation, Strict), zero padding of sign inputs
 * (the runtime counts only in-bounds taps) and ±1 pad values, max/average/global pooling.
 */
class XnorConvEquivalenceTest {

    private static NeuralNetConfiguration.ListBuilder builder() {
        return new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2)).list();
    }

    private static BatchNormalization bn(String name) {
        return new BatchNormalization.Builder().name(name).build();
    }

    @Test
    void everyPaddingModeAndPadValueAgrees() throws Exception {
        MultiLayerConfiguration conf = builder()
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).inputQuantizer(null).convolutionMode(ConvolutionMode.Same)
                        .name("conv0").build())
                .layer(bn("bn0"))
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign0").build())
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(24).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                        .padValue(0).name("conv1").build())
                .layer(bn("bn1"))
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(70).padding(1, 1).dilation(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).padValue(1).name("conv2").build())
                .layer(bn("bn2"))
                .layer(new XnorConvolutionLayer.Builder(2, 2).nOut(16).stride(2, 2).padding(1, 1)
                        .convolutionMode(ConvolutionMode.Strict).padValue(-1).name("conv3").build())
                .layer(bn("bn3"))
                .layer(new BinaryDenseLayer.Builder().nOut(32).inputQuantizer(new SteSign()).name("dense4").build())
                .layer(bn("bn4"))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.convolutional(12, 12, 2))
                .build();
        RuntimeVsDl4j.Report r = Equivalence.ofImages(conf, 2, 12, 2);
        assertTrue(r.layersCompared().containsAll(List.of("sign0", "bn1", "bn2", "bn3", "bn4", "out")), r.toString());
        assertTrue(r.bitsCompared() > 1000L * (16 * 144 + 24 * 36), r.toString());
    }

    @Test
    void poolingLayersAgree() throws Exception {
        MultiLayerConfiguration conf = builder()
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).inputQuantizer(null).name("conv0").build())
                .layer(bn("bn0"))
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign0").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).name("maxOfBits").build())
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).convolutionMode(ConvolutionMode.Same).name("conv1").build())
                .layer(bn("bn1"))
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).name("maxOfReals").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1).padding(1, 1)
                        .avgPoolIncludePadInDivisor(false).name("avgValid").build())
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).convolutionMode(ConvolutionMode.Same).padValue(1)
                        .name("conv2").build())
                .layer(bn("bn2"))
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(1, 1).padding(1, 1)
                        .avgPoolIncludePadInDivisor(true).name("avgAll").build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.convolutional(12, 12, 1))
                .build();
        RuntimeVsDl4j.Report r = Equivalence.ofImages(conf, 1, 12, 2);
        assertTrue(r.layersCompared().containsAll(List.of("sign0", "maxOfBits", "maxOfReals", "avgValid", "avgAll", "gap")),
                r.toString());
    }

    @Test
    void globalMaxAndSumPoolingAndRectangularKernelsAgree() throws Exception {
        MultiLayerConfiguration conf = builder()
                .layer(new XnorConvolutionLayer.Builder(2, 3).nOut(8).stride(2, 1).inputQuantizer(null)
                        .convolutionMode(ConvolutionMode.Same).name("conv0").build())
                .layer(bn("bn0"))
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(1, 1).name("maxOfSigns").build())
                .layer(new XnorConvolutionLayer.Builder(1, 1).nOut(12).name("conv1").build())
                .layer(bn("bn1"))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).collapseDimensions(false).name("gmp").build())
                .layer(new XnorConvolutionLayer.Builder(1, 1).nOut(12).name("conv2").build())
                .layer(bn("bn2"))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.SUM).name("gsp").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.convolutional(9, 9, 3))
                .build();
        RuntimeVsDl4j.Report r = Equivalence.ofImages(conf, 3, 9, 2);
        // sign commutes with max pooling: bn0 thresholds, and the pooling runs on bits
        assertTrue(r.model().trace(new float[243]).isBinary("maxOfSigns"), r.toString());
    }
}
