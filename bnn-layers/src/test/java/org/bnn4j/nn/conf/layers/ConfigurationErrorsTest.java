package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.conf.BnnConfigValidator;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.testutil.Nets;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.bnn4j.nn.testutil.Failures.assertFailsNaming;
import static org.junit.jupiter.api.Assertions.*;

/** Bad configurations fail early, with a message that names the layer and the field. */
class ConfigurationErrorsTest {

    private static MultiLayerConfiguration denseThen(org.deeplearning4j.nn.conf.layers.Layer layer, InputType in) {
        return new NeuralNetConfiguration.Builder().list()
                .layer(layer)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(in).build();
    }

    @Test
    void missingNOut() {
        assertFailsNaming(() -> new BinaryDenseLayer.Builder().name("hidden").build(), "BinaryDenseLayer", "hidden", "nOut");
        assertFailsNaming(() -> new XnorConvolutionLayer.Builder(3, 3).name("c1").build(), "XnorConvolutionLayer", "c1", "nOut");
    }

    @Test
    void missingNInWithoutInputType() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new BinaryDenseLayer.Builder().nOut(4).name("d").build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build()).build();
        assertFailsNaming(() -> new MultiLayerNetwork(conf).init(), "BinaryDenseLayer", "name=d", "nIn=0");
    }

    @Test
    void nInThatDisagreesWithTheInput() {
        assertFailsNaming(() -> denseThen(new BinaryDenseLayer.Builder().nIn(10).nOut(4).name("d").build(), InputType.feedForward(784)),
                "BinaryDenseLayer", "name=d", "nIn is set to 10", "784");
        assertFailsNaming(() -> denseThen(new XnorConvolutionLayer.Builder(3, 3).nIn(3).nOut(4).name("c").build(),
                InputType.convolutional(8, 8, 1)), "XnorConvolutionLayer", "name=c", "nIn is set to 3", "size 1");
    }

    @Test
    void kernelLargerThanInput() {
        assertFailsNaming(() -> denseThen(new XnorConvolutionLayer.Builder(5, 5).nOut(4).name("big").build(),
                InputType.convolutional(4, 8, 1)), "XnorConvolutionLayer", "big", "kernelSize height", "input height 4");
    }

    @Test
    void strictModeThatDoesNotDivide() {
        assertFailsNaming(() -> denseThen(new XnorConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(4).name("s")
                        .convolutionMode(ConvolutionMode.Strict).build(), InputType.convolutional(8, 8, 1)),
                "XnorConvolutionLayer", "name=s", "Strict", "stride=2");
    }

    @Test
    void channelsLastData() {
        assertFailsNaming(() -> denseThen(new XnorConvolutionLayer.Builder(3, 3).nOut(4).name("c").build(),
                InputType.convolutional(8, 8, 1, CNN2DFormat.NHWC)), "XnorConvolutionLayer", "NCHW", "NHWC");
    }

    @Test
    void badPadValueAndMissingQuantizer() {
        assertFailsNaming(() -> new XnorConvolutionLayer.Builder(3, 3).nOut(4).padValue(0.5).build(), "padValue", "0.5");
        assertFailsNaming(() -> new BinaryDenseLayer.Builder().nOut(4).kernelQuantizer(null).build(), "kernelQuantizer");
    }

    /** DL4J's own ConvolutionLayer rejects a 0 at build time; a 0 dilation used to fail at the first forward (/ by zero). */
    @Test
    void zeroDilationStrideOrKernelIsRejectedAtBuildTime() {
        assertFailsNaming(() -> new XnorConvolutionLayer.Builder(3, 3).nOut(4).name("x").dilation(0, 0).build(),
                "XnorConvolutionLayer", "name=x", "dilation [0, 0]");
        assertFailsNaming(() -> new TernaryConvolutionLayer.Builder(3, 3).nOut(4).dilation(1, 0).build(),
                "TernaryConvolutionLayer", "dilation [1, 0]");
        assertFailsNaming(() -> new QuantizedConvolutionLayer.Builder(3, 3).nOut(4).stride(0, 1).build(),
                "QuantizedConvolutionLayer", "stride [0, 1]");
        assertFailsNaming(() -> new QuantizedConvolutionLayer.Builder(0, 3).nOut(4).build(), "kernelSize [0, 3]");
    }

    @Test
    void inputOfTheWrongRankOrSizeAtRunTime() {
        MultiLayerNetwork dense = new MultiLayerNetwork(denseThen(new BinaryDenseLayer.Builder().nOut(4).build(), InputType.feedForward(6)));
        dense.init();
        assertFailsNaming(() -> dense.output(Nd4j.rand(DataType.FLOAT, 3, 7)), "7 columns", "nIn=6", "BinaryDenseLayer");
        MultiLayerNetwork conv = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new XnorConvolutionLayer.Builder(3, 3).nIn(2).nOut(4).build())
                .layer(new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder().build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(2).build()).build());
        conv.init();
        assertFailsNaming(() -> conv.output(Nd4j.rand(DataType.FLOAT, 3, 2, 8)), "rank 4", "got rank 3");
        assertFailsNaming(() -> conv.output(Nd4j.rand(DataType.FLOAT, 3, 5, 8, 8)), "5 channels", "nIn=2");
        assertFailsNaming(() -> conv.output(Nd4j.rand(DataType.FLOAT, 3, 2, 2, 8)), "kernelSize height", "input height 2");
    }

    @Test
    void binaryKernelWithoutClipIsWarnedAbout() {
        BinaryDenseLayer unclipped = new BinaryDenseLayer.Builder().nOut(4).constrainWeights().build();
        assertNull(unclipped.getConstraints());
        assertTrue(QuantizedLayerSupport.warnIfUnclipped(unclipped, unclipped.getKernelQuantizer(), 0));

        BinaryDenseLayer clipped = new BinaryDenseLayer.Builder().nOut(4).build();
        assertFalse(QuantizedLayerSupport.warnIfUnclipped(clipped, clipped.getKernelQuantizer(), 0));

        BinaryDenseLayer floatKernel = new BinaryDenseLayer.Builder().nOut(4).kernelQuantizer(new Identity()).build();
        assertNull(floatKernel.getConstraints());
        assertFalse(QuantizedLayerSupport.warnIfUnclipped(floatKernel, floatKernel.getKernelQuantizer(), 0));
    }

    @Test
    void batchNormalizationWithAnActivationIsReported() {
        MultiLayerConfiguration bad = new NeuralNetConfiguration.Builder().list()
                .layer(new BinaryDenseLayer.Builder().nOut(8).build())
                .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().name("bn")
                        .activation(new org.bnn4j.nn.activations.ActivationSteSign()).build())
                .layer(new BinaryDenseLayer.Builder().nOut(8).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.feedForward(4)).build();
        assertEquals(1, BnnConfigValidator.check(bad).size());
        assertFailsNaming(() -> BnnConfigValidator.requireValid(bad), "BatchNormalization", "layer 1", "name=bn", "ActivationLayer");
        assertTrue(BnnConfigValidator.check(Nets.binaryMlp(4, 8, 2, 1)).isEmpty());
        assertTrue(BnnConfigValidator.check(Nets.xnorConvGraph(8, 2, 1)).isEmpty());
    }

    @Test
    void activationLayerSharingItsInputInAGraphIsReported() {
        var bad = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("dense", new BinaryDenseLayer.Builder().nOut(8).build(), "in")
                .addLayer("relu", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(Activation.RELU).build(), "dense")
                .addLayer("other", new BinaryDenseLayer.Builder().nOut(8).build(), "relu")
                .addVertex("add", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "other", "dense")
                .addLayer("out", new OutputLayer.Builder().nOut(2).build(), "add")
                .setOutputs("out").setInputTypes(InputType.feedForward(4)).build();
        assertFailsNaming(() -> BnnConfigValidator.requireValid(bad), "vertex \"relu\"", "reads \"dense\"", "[add]", "in place");
    }

    @Test
    void binarizingANonNegativeActivationIsReported() {
        MultiLayerConfiguration reluThenSign = new NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().name("hidden").nOut(8)
                        .activation(Activation.RELU).build())
                .layer(new BinaryDenseLayer.Builder().name("binary").nOut(8).inputQuantizer(new SteSign()).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.feedForward(4)).build();
        assertFailsNaming(() -> BnnConfigValidator.requireValid(reluThenSign), "layer 1", "name=binary",
                "name=hidden", "never negative", "+1");

        var graph = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("dense", new BinaryDenseLayer.Builder().nOut(8).build(), "in")
                .addLayer("relu", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder().activation(Activation.RELU).build(), "dense")
                .addLayer("sign", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .activation(new org.bnn4j.nn.activations.ActivationSteSign()).build(), "relu")
                .addLayer("out", new OutputLayer.Builder().nOut(2).build(), "sign")
                .setOutputs("out").setInputTypes(InputType.feedForward(4)).build();
        assertFailsNaming(() -> BnnConfigValidator.requireValid(graph), "vertex \"sign\"", "vertex \"relu\"", "never negative");

        MultiLayerConfiguration realInput = new NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new BinaryDenseLayer.Builder().nOut(8).inputQuantizer(new Identity()).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.feedForward(4)).build();
        assertTrue(BnnConfigValidator.check(realInput).isEmpty(), "a real-valued input may be non-negative");
    }

    /** Dropout and pooling apply no activation of their own (whatever they inherit): the sign reads what came before. */
    @Test
    void signAfterDropoutOrPoolingReadsTheLayerBefore() {
        MultiLayerConfiguration tanhDropoutSign = new NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(0.5).build())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .activation(new org.bnn4j.nn.activations.ActivationSteSign()).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.feedForward(4)).build();
        assertEquals(List.of(), BnnConfigValidator.check(tanhDropoutSign), "tanh is centred on zero");

        MultiLayerConfiguration reluDropoutSign = new NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().name("hidden").nOut(8)
                        .activation(Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(0.5).build())
                .layer(new BinaryDenseLayer.Builder().name("binary").nOut(8).inputQuantizer(new SteSign()).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.feedForward(4)).build();
        assertFailsNaming(() -> BnnConfigValidator.requireValid(reluDropoutSign), "layer 2", "name=binary",
                "layer 0", "name=hidden", "never negative");

        var graph = new NeuralNetConfiguration.Builder().convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("in")
                .addLayer("conv", new QuantizedConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("pool", new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(2, 2).build(), "conv")
                .addLayer("xnor", new XnorConvolutionLayer.Builder(3, 3).nOut(4).build(), "pool")
                .addLayer("gap", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder().build(), "xnor")
                .addLayer("out", new OutputLayer.Builder().nOut(2).build(), "gap")
                .setOutputs("out").setInputTypes(InputType.convolutional(8, 8, 1)).build();
        assertFailsNaming(() -> BnnConfigValidator.requireValid(graph), "vertex \"xnor\"", "vertex \"conv\"",
                "never negative");
    }

    @Test
    void memoryIsReportedLikeStockLayers() {
        MultiLayerConfiguration conf = Nets.xnorConvNet(16, 4, 1);
        MemoryReport report = conf.getMemoryReport(InputType.convolutional(16, 16, 1));
        long params = new MultiLayerNetwork(conf).numParams();
        assertTrue(report.getTotalMemoryBytes(32, org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING,
                org.deeplearning4j.nn.conf.CacheMode.NONE, DataType.FLOAT) > params * 4);
        assertTrue(report.toString().contains("XnorConvolutionLayer"), report.toString());
        MemoryReport dense = Nets.binaryMlp(20, 16, 3, 1).getMemoryReport(InputType.feedForward(20));
        assertTrue(dense.toString().contains("BinaryDenseLayer"));
    }
}
