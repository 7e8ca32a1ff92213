package org.bnn4j.nn.networks;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.constraints.WeightClipConstraint;
import org.bnn4j.nn.quantizers.*;
import org.bnn4j.nn.testutil.Nets;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/** JSON and ModelSerializer round trips keep configurations, parameters and updater state exactly. */
class SerializationTest {

    /** A configuration that uses every quantizer, the constraint and the activation, with non-default values. */
    private static MultiLayerConfiguration everything() {
        return new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-3))
                .list()
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(4).stride(2, 1).padding(1, 1).dilation(1, 1)
                        .inputQuantizer(new ApproxSign()).kernelQuantizer(new MagnitudeAwareSign(0.8)).padValue(-1).hasBias(false).build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign(new SwishSign(3.0))).build())
                .layer(new BinaryDenseLayer.Builder().nOut(10).inputQuantizer(SteSign.unclipped())
                        .kernelQuantizer(new StochasticSign(17, 0.9)).constrainWeights(new WeightClipConstraint(-0.5, 0.5)).build())
                .layer(new BinaryDenseLayer.Builder().nOut(6).kernelQuantizer(new Identity()).hasBias(false).build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 2))
                .build();
    }

    @Test
    void multiLayerJsonRoundTripGivesAnEqualConfiguration() {
        MultiLayerConfiguration conf = everything();
        String json = conf.toJson();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, restored);
        assertEquals(json, restored.toJson());
        assertTrue(json.contains("org.bnn4j.nn.quantizers.StochasticSign"), "quantizers are written with their class");
        XnorConvolutionLayer conv = (XnorConvolutionLayer) restored.getConf(0).getLayer();
        assertEquals(new MagnitudeAwareSign(0.8), conv.getKernelQuantizer());
        assertEquals(-1.0, conv.getPadValue());
        BinaryDenseLayer dense = (BinaryDenseLayer) restored.getConf(2).getLayer();
        assertEquals(SteSign.unclipped(), dense.getInputQuantizer());
        assertEquals(1, dense.getConstraints().size());
        assertEquals(new WeightClipConstraint(-0.5, 0.5).getMax(), ((WeightClipConstraint) dense.getConstraints().get(0)).getMax());
        assertNull(((BinaryDenseLayer) restored.getConf(3).getLayer()).getConstraints(), "float kernels are not clipped by default");
    }

    @Test
    void graphJsonRoundTripGivesAnEqualConfiguration() {
        ComputationGraphConfiguration conf = Nets.xnorConvGraph(8, 4, 1);
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, restored);
        assertEquals(conf.toJson(), restored.toJson());
    }

    @Test
    void modelSerializerRestoresMultiLayerNetworkExactlyIncludingUpdaterState(@TempDir File dir) throws IOException {
        DataSet data = Nets.stripes(64, 8, 1);
        MultiLayerNetwork net = new MultiLayerNetwork(Nets.xnorConvNet(8, 4, 2));
        net.init();
        for (int i = 0; i < 3; i++) net.fit(data);
        File file = new File(dir, "net.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(net.output(data.getFeatures()), restored.output(data.getFeatures()));
        // Training on from the restored state goes exactly where the original goes.
        net.fit(data);
        restored.fit(data);
        assertEquals(net.params(), restored.params());
        assertEquals(net.output(data.getFeatures()), restored.output(data.getFeatures()));
    }

    @Test
    void modelSerializerRestoresComputationGraphExactlyIncludingUpdaterState(@TempDir File dir) throws IOException {
        DataSet data = Nets.stripes(64, 8, 2);
        ComputationGraph net = new ComputationGraph(Nets.xnorConvGraph(8, 4, 3));
        net.init();
        for (int i = 0; i < 3; i++) net.fit(data);
        File file = new File(dir, "graph.zip");
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);

        assertEquals(net.getConfiguration(), restored.getConfiguration());
        assertEquals(net.params(), restored.params());
        assertEquals(net.outputSingle(data.getFeatures()), restored.outputSingle(data.getFeatures()));
        net.fit(data);
        restored.fit(data);
        assertEquals(net.params(), restored.params());
    }

    @Test
    void stochasticQuantizerTrainsIdenticallyAfterRestore(@TempDir File dir) throws IOException {
        MultiLayerConfiguration conf = everything();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = new DataSet(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 2, 8, 8).subi(0.5),
                org.nd4j.linalg.factory.Nd4j.eye(3).repeat(0, 6).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16)).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        net.fit(data);
        File file = new File(dir, "stochastic.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        for (int i = 0; i < 2; i++) {
            net.fit(data);
            restored.fit(data);
        }
        assertEquals(net.params(), restored.params(), "samples depend on seeds and iteration counts only");
    }
}
