package org.bnn4j.keras;

import org.bnn4j.export.BnnExporter;
import org.bnn4j.runtime.BnnModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real Larq models in shared/fixtures/larq: imported, they reproduce the independently computed logits. */
class LarqFixtureImportTest {
    private static final String GTSRB = "gtsrb-xnor-30x30.h5";

    @Test
    void gtsrbSequentialReproducesTheExpectedLogitsExactly() {
        MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(LarqFixtures.file(GTSRB));
        float[][] expected = LarqFixtures.csv("gtsrb-xnor-30x30.expected-logits.csv");
        // the last layer is Activation(softmax), which works in place at inference: stop at the dense layer before it
        List<INDArray> activations = net.feedForwardToLayer(net.getnLayers() - 2, gtsrbInputs(), false);
        assertEquals("quant_dense_8", net.getLayer(net.getnLayers() - 2).conf().getLayer().getLayerName());
        assertArrayEquals(expected, activations.get(activations.size() - 1).toFloatMatrix());
    }

    @Test
    void gtsrbAsComputationGraphReproducesTheExpectedLogitsExactly() {
        ComputationGraph graph = BnnKerasImport.importModelAndWeights(LarqFixtures.file(GTSRB));
        // the graph without its final softmax ends at the logits
        ComputationGraph logits = new TransferLearning.GraphBuilder(graph).removeVertexAndConnections("activation_8")
                .setOutputs("quant_dense_8").build();
        assertArrayEquals(LarqFixtures.csv("gtsrb-xnor-30x30.expected-logits.csv"),
                logits.outputSingle(gtsrbInputs()).toFloatMatrix());
    }

    @Test
    void gtsrbExportedRunsOnTheRuntimeWithTheSameLogits(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(LarqFixtures.file(GTSRB));
        Path packed = dir.resolve("gtsrb.bnn");
        BnnExporter.export(net, packed);
        float[][] inputs = LarqFixtures.csv("gtsrb-xnor-30x30.inputs.csv");
        float[][] expected = LarqFixtures.csv("gtsrb-xnor-30x30.expected-logits.csv");
        try (BnnModel model = BnnModel.load(packed)) {
            // the packed model takes the same NHWC pixels as the Keras model
            assertArrayEquals(new int[]{30, 30, 3}, model.inputShape());
            for (int i = 0; i < inputs.length; i++) {
                assertArrayEquals(expected[i], model.trace(inputs[i]).values("quant_dense_8"), "input " + i);
            }
        }
    }

    @Test
    void kerasTwoFifteenDenseModelImports() {
        MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(
                LarqFixtures.file("larq-dense-untrained-tf215.h5"));
        // its input is [1, 512] per example, taken as the 512-vector Keras' Flatten makes of it
        assertEquals(2, net.getnLayers());
        assertArrayEquals(new long[]{512, 512}, net.getLayer(0).getParam("W").shape());
        assertArrayEquals(new long[]{512, 10}, net.getLayer(1).getParam("W").shape());
        INDArray out = net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 512));
        assertArrayEquals(new long[]{3, 10}, out.shape());
    }

    private static INDArray gtsrbInputs() {
        return Nd4j.create(LarqFixtures.csv("gtsrb-xnor-30x30.inputs.csv")).reshape('c', 32, 30, 30, 3);
    }
}
