package org.bnn4j.export;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.SteSign;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.AutoEncoder;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Networks the format cannot express are rejected with an error that names the layer and says why. */
class ExportErrorsTest {

    private static MultiLayerNetwork net(InputType input, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().list();
        for (Layer l : layers) b.layer(l);
        MultiLayerConfiguration conf = b.setInputType(input).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void rejected(MultiLayerNetwork net, InputType type, String... expected) {
        BnnExportException e = assertThrows(BnnExportException.class, () -> BnnExporter.convert(net, type));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "message should mention '" + s + "': " + e.getMessage());
        }
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).name("out").build();
    }

    @Test
    void unsupportedLayersAreNamed() {
        rejected(net(InputType.feedForward(3), new DenseLayer.Builder().nOut(4).name("dense").build(),
                        new AutoEncoder.Builder().nOut(4).name("autoencoder").build(), output()),
                null, "layer 'autoencoder' (AutoEncoder)", "not supported");
        rejected(net(InputType.recurrent(3), new LSTM.Builder().nOut(4).name("lstm").build(),
                        new RnnOutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build()),
                InputType.recurrent(3), "input type InputTypeRecurrent", "not supported");
        // a subclass of ConvolutionLayer computes something else: matched by exact class, so rejected
        InputType image = InputType.convolutional(6, 6, 1);
        rejected(net(image, new Deconvolution2D.Builder(2, 2).nOut(2).name("deconv").build(), output()),
                image, "layer 'deconv' (Deconvolution2D)", "not supported");
    }

    @Test
    void unsupportedActivationsAndPoolingAreNamed() {
        rejected(net(InputType.feedForward(4), new DenseLayer.Builder().nOut(3).activation(Activation.ELU).name("hidden").build(),
                output()), null, "layer 'hidden' (DenseLayer)", "activation elu", "not supported");
        InputType image = InputType.convolutional(6, 6, 1);
        rejected(net(image, new SubsamplingLayer.Builder(PoolingType.PNORM).kernelSize(2, 2).pnorm(2).name("pnorm").build(), output()),
                image, "layer 'pnorm' (SubsamplingLayer)", "PNORM");
        rejected(net(image, new ActivationLayer.Builder().activation(Activation.SOFTMAX).name("softmax").build(), output()),
                image, "layer 'softmax'", "softmax is only supported on feed-forward");
    }

    @Test
    void scaledSignOnActivationsHasNoPackedForm() {
        InputType image = InputType.convolutional(6, 6, 1);
        rejected(net(image, new XnorConvolutionLayer.Builder(3, 3).nOut(2).inputQuantizer(new MagnitudeAwareSign())
                        .name("conv").build(), output()),
                image, "layer 'conv' (XnorConvolutionLayer)", "input quantizer MagnitudeAwareSign", "whole batch");
    }

    @Test
    void imageInputsNeedTheirInputTypeAndNchw() {
        MultiLayerNetwork conv = net(InputType.convolutional(6, 6, 1),
                new ConvolutionLayer.Builder(3, 3).nOut(2).name("conv").build(), output());
        rejected(conv, null, "pass the input type", "InputType.convolutional");
        MultiLayerNetwork nhwc = net(InputType.convolutional(6, 6, 1, CNN2DFormat.NHWC),
                new ConvolutionLayer.Builder(3, 3).nOut(2).dataFormat(CNN2DFormat.NHWC).name("conv").build(), output());
        rejected(nhwc, InputType.convolutional(6, 6, 1, CNN2DFormat.NHWC), "NCHW");
    }

    @Test
    void unsupportedVerticesAndGraphShapesAreNamed() {
        ComputationGraphConfiguration product = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("a", new BinaryDenseLayer.Builder().nOut(4).build(), "in")
                .addLayer("b", new BinaryDenseLayer.Builder().nOut(4).inputQuantizer(new SteSign()).build(), "in")
                .addVertex("mul", new ElementWiseVertex(ElementWiseVertex.Op.Product), "a", "b")
                .addLayer("out", output(), "mul").setOutputs("out").setInputTypes(InputType.feedForward(3)).build();
        assertMessage(graph(product), "vertex 'mul' (ElementWiseVertex)", "Product");
        ComputationGraphConfiguration merge = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("a", new BinaryDenseLayer.Builder().nOut(4).build(), "in")
                .addVertex("merge", new MergeVertex(), "a", "in")
                .addLayer("out", output(), "merge").setOutputs("out").setInputTypes(InputType.feedForward(3)).build();
        assertMessage(graph(merge), "vertex 'merge' (MergeVertex)", "not supported");
        ComputationGraphConfiguration twoOutputs = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("out", output(), "in")
                .addLayer("out2", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out", "out2").setInputTypes(InputType.feedForward(3)).build();
        assertMessage(graph(twoOutputs), "one input and one output");
    }

    private static ComputationGraph graph(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static void assertMessage(ComputationGraph g, String... expected) {
        BnnExportException e = assertThrows(BnnExportException.class, () -> BnnExporter.convert(g, null));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "message should mention '" + s + "': " + e.getMessage());
        }
    }
}
