package org.bnn4j.tests;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.tests.testutil.Equivalence;
import org.bnn4j.tests.testutil.RuntimeVsDl4j;
import org.bnn4j.tests.testutil.TestTernaryQuantizer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any kernel quantizer of precision 2 maps to the format's ternary weights: symmetric values to TERNARY (scale
 * folded into the thresholds or affine stage), differing positive and negative values (TTQ's Wp, Wn) to
 * TERNARY_SCALED. bnn4j's own ternary layer classes need a small exporter addition (see BnnExporter's notes).
 */
class TernaryKernelEquivalenceTest {

    @Test
    void symmetricAndTtqTernaryKernelsAgree() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(4).updater(new Adam(1e-2)).list()
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).inputQuantizer(null).convolutionMode(ConvolutionMode.Same)
                        .kernelQuantizer(new TestTernaryQuantizer(0.3, 0.5, 0.5)).name("conv0").build())
                .layer(new BatchNormalization.Builder().name("bn0").build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign0").build())
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).convolutionMode(ConvolutionMode.Same)
                        .kernelQuantizer(new TestTernaryQuantizer(0.3, 1, 1)).name("conv1").build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(16).convolutionMode(ConvolutionMode.Same)
                        .kernelQuantizer(new TestTernaryQuantizer(0.2, 1.5, 0.5)).name("conv2").build())
                .layer(new BatchNormalization.Builder().name("bn2").build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new BinaryDenseLayer.Builder().nOut(16).inputQuantizer(new SteSign())
                        .kernelQuantizer(new TestTernaryQuantizer(0.3, 2, 1)).name("dense").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
        RuntimeVsDl4j.Report r = Equivalence.ofImages(conf, 1, 8, 2);
        assertEquals(2, ((LinearSpec) r.exported().spec().ops().get(0)).weights().code(), "symmetric: TERNARY");
        assertEquals(3, ((LinearSpec) r.exported().spec().ops().get(2)).weights().code(), "Wp != Wn: TERNARY_SCALED");
        Weights.Ternary ttq = (Weights.Ternary) ((LinearSpec) r.exported().spec().ops().get(2)).weights();
        assertEquals(1.5f, ttq.positiveScales()[0]);
        assertEquals(0.5f, ttq.negativeScales()[0]);
        assertTrue(r.exported().summary().ternaryParams() > 0, r.exported().summary().toString());
    }
}
