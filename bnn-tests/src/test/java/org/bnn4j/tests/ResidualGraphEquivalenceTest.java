package org.bnn4j.tests;

import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.tests.testutil.Equivalence;
import org.bnn4j.tests.testutil.RuntimeVsDl4j;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bi-Real-style residual blocks in a ComputationGraph: binary convolution on the sign of a real-valued stream,
 * BatchNorm, and an add with the real-valued shortcut (a downsampling block with an average-pooled shortcut
 * included). The BatchNorm before each add folds into an affine stage, the shortcut stays float.
 */
class ResidualGraphEquivalenceTest {

    @Test
    void biRealBlocksAgree() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Adam(1e-2))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .addLayer("stem", new XnorConvolutionLayer.Builder(3, 3).nOut(16).inputQuantizer(null).build(), "image")
                .addLayer("stemBn", new BatchNormalization.Builder().build(), "stem")
                // block 1: shortcut is the stem's real output
                .addLayer("conv1", new XnorConvolutionLayer.Builder(3, 3).nOut(16).build(), "stemBn")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv1")
                .addVertex("add1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn1", "stemBn")
                // block 2: +1 padding
                .addLayer("conv2", new XnorConvolutionLayer.Builder(3, 3).nOut(16).padValue(1).build(), "add1")
                .addLayer("bn2", new BatchNormalization.Builder().build(), "conv2")
                .addVertex("add2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn2", "add1")
                // block 3: stride 2, average-pooled shortcut
                .addLayer("conv3", new XnorConvolutionLayer.Builder(3, 3).nOut(16).stride(2, 2).build(), "add2")
                .addLayer("bn3", new BatchNormalization.Builder().build(), "conv3")
                .addLayer("shortcut3", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build(), "add2")
                .addVertex("add3", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn3", "shortcut3")
                .addLayer("hardtanh", new ActivationLayer.Builder().activation(new ActivationHardTanH()).build(), "add3")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "hardtanh")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(10, 10, 3))
                .build();
        RuntimeVsDl4j.Report r = Equivalence.ofImages(conf, 3, 10, 2);
        assertTrue(r.layersCompared().containsAll(List.of("bn1", "add1", "bn2", "add2", "bn3", "shortcut3", "hardtanh",
                "pool", "out")), r.toString());
        assertTrue(r.exported().summary().binaryMacShare() > 0.5, r.exported().summary().toString());
    }
}
