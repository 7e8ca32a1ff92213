package org.bnn4j.tests;

import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.tests.testutil.SmallModels;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The command line's checked restore builds the same network as DL4J's ModelSerializer, for both types. */
class ModelZipRestoreTest {
    @TempDir
    Path dir;

    @Test
    void multiLayerNetworkIsRestoredAsModelSerializerDoes() throws IOException {
        File zip = save(SmallModels.multiLayerNetwork());
        MultiLayerNetwork expected = ModelSerializer.restoreMultiLayerNetwork(zip, false);
        MultiLayerNetwork restored = (MultiLayerNetwork) NetworkAdapter.restore(zip).model();
        assertEquals(expected.getLayerWiseConfigurations().toJson(), restored.getLayerWiseConfigurations().toJson());
        assertEquals(expected.params(), restored.params());
        INDArray input = Nd4j.rand(DataType.FLOAT, 5, 12);
        assertEquals(expected.output(input), restored.output(input));
    }

    @Test
    void computationGraphIsRestoredAsModelSerializerDoes() throws IOException {
        File zip = save(SmallModels.computationGraph());
        ComputationGraph expected = ModelSerializer.restoreComputationGraph(zip, false);
        ComputationGraph restored = (ComputationGraph) NetworkAdapter.restore(zip).model();
        assertEquals(expected.getConfiguration().toJson(), restored.getConfiguration().toJson());
        assertEquals(expected.params(), restored.params());
        INDArray input = Nd4j.rand(DataType.FLOAT, 5, 6);
        assertEquals(expected.outputSingle(input), restored.outputSingle(input));
    }

    private File save(Model network) throws IOException {
        File zip = dir.resolve("model.zip").toFile();
        network.params().addi(Nd4j.rand(DataType.FLOAT, network.params().shape()).subi(0.5)); // not the initial values
        ModelSerializer.writeModel(network, zip, true);
        return zip;
    }
}
