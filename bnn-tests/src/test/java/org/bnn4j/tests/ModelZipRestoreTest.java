package org.bnn4j.tests;

import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.tests.testutil.SmallModels;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The command line's checked restore builds the same network as DL4J's ModelSerializer, for both types. */
class ModelZipRestoreTest {
    @TempDir
    Path dir;

    static Stream<Arguments> networks() {
        return Stream.of(Arguments.of(SmallModels.multiLayerNetwork(), 12), Arguments.of(SmallModels.computationGraph(), 6));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void restoresWhatModelSerializerRestores(Model network, int inputs) throws IOException {
        File zip = dir.resolve("model.zip").toFile();
        network.params().addi(Nd4j.rand(DataType.FLOAT, network.params().shape()).subi(0.5)); // not the initial values
        ModelSerializer.writeModel(network, zip, true);

        NetworkAdapter expected = new NetworkAdapter(network instanceof MultiLayerNetwork
                ? ModelSerializer.restoreMultiLayerNetwork(zip, false) : ModelSerializer.restoreComputationGraph(zip, false));
        NetworkAdapter restored = NetworkAdapter.restore(zip);
        assertEquals(expected.model().getClass(), restored.model().getClass());
        assertEquals(json(expected.model()), json(restored.model()));
        assertEquals(expected.model().params(), restored.model().params());
        INDArray input = Nd4j.rand(DataType.FLOAT, 5, inputs);
        assertEquals(expected.output(input), restored.output(input));
    }

    private static String json(Model model) {
        return model instanceof MultiLayerNetwork m ? m.getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) model).getConfiguration().toJson();
    }
}
