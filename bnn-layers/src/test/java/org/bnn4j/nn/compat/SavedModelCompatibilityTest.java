package org.bnn4j.nn.compat;

import org.bnn4j.nn.BatchNormUpgrade;
import org.bnn4j.nn.layers.BatchNormLayer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models saved by bnn4j 0.1.0 (see {@link CompatFixtures}: every layer configuration, quantizer, TTQ and Bop with
 * its updater state) still load, compute bit-identical outputs and keep training exactly as they did: layer and
 * quantizer class names are part of every saved file.
 */
class SavedModelCompatibilityTest {
    private static final String DIR = "/compat/v0.1.0/";

    /** "-upgraded": the same file moved onto bnn4j's BatchNorm by {@link BatchNormUpgrade}, as the CLI loads it. */
    @ParameterizedTest
    @ValueSource(strings = {"mln", "cg", "mln-upgraded", "cg-upgraded"})
    void savedZipLoadsAndComputesTheSameOutputs(String variant) throws IOException {
        String name = fileName(variant);
        Model model = restore(variant);
        INDArray output = output(model, read(name + "-input.bin"));
        assertArrayEquals(read(name + "-output.bin").ravel().toFloatVector(), output.ravel().toFloatVector(), 0f,
                name + ": outputs of the saved model changed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mln", "cg"})
    void savedJsonLoadsToTheZipsConfiguration(String name) throws IOException {
        String json = resource(name + ".json");
        Model model = restore(name);
        if (model instanceof MultiLayerNetwork m) {
            assertEquals(m.getLayerWiseConfigurations(), MultiLayerConfiguration.fromJson(json));
        } else {
            assertEquals(((ComputationGraph) model).getConfiguration(), ComputationGraphConfiguration.fromJson(json));
        }
    }

    /** Updater state (Adam moments, Bop's moving averages and schedule), TTQ scales and iteration counts carry over. */
    @ParameterizedTest
    @ValueSource(strings = {"mln", "cg", "mln-upgraded", "cg-upgraded"})
    void savedModelKeepsTrainingAsBefore(String variant) throws IOException {
        String name = fileName(variant);
        Model model = restore(variant);
        ((NeuralNetwork) model).fit(CompatFixtures.batch(11, 16));
        assertArrayEquals(read(name + "-params-after-step.bin").toFloatVector(), model.params().toFloatVector(), 1e-6f,
                name + ": one more training step of the saved model gives other parameters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mln", "cg"})
    void upgradeMovesEveryBatchNormalizationOntoBatchNorm(String name) throws IOException {
        Model saved = restore(name);
        Model upgraded = BatchNormUpgrade.of(saved);
        long dl4j = Arrays.stream(layers(saved)).filter(l -> l.getClass() == BatchNormalization.class).count();
        assertTrue(dl4j > 0, name + ": the fixture has DL4J BatchNormalization layers");
        assertEquals(dl4j, Arrays.stream(layers(upgraded)).filter(l -> l instanceof BatchNormLayer).count(), name);
        assertArrayEquals(saved.params().toFloatVector(), upgraded.params().toFloatVector(), 0f, name + ": parameters");
        assertSame(upgraded, BatchNormUpgrade.of(upgraded), name + ": nothing left to upgrade");
    }

    private static String fileName(String variant) {
        return variant.replace("-upgraded", "");
    }

    private static org.deeplearning4j.nn.api.Layer[] layers(Model model) {
        return model instanceof MultiLayerNetwork m ? m.getLayers() : ((ComputationGraph) model).getLayers();
    }

    private static Model restore(String variant) throws IOException {
        String name = fileName(variant);
        try (InputStream in = stream(name + ".zip")) {
            Model model = name.startsWith("mln")
                    ? ModelSerializer.restoreMultiLayerNetwork(in, true)
                    : ModelSerializer.restoreComputationGraph(in, true);
            return variant.endsWith("-upgraded") ? BatchNormUpgrade.of(model) : model;
        }
    }

    private static INDArray output(Model model, INDArray input) {
        return model instanceof MultiLayerNetwork m ? m.output(input, false)
                : ((ComputationGraph) model).outputSingle(false, input);
    }

    private static INDArray read(String file) throws IOException {
        try (DataInputStream in = new DataInputStream(stream(file))) {
            return Nd4j.read(in);
        }
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = stream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(String file) {
        InputStream in = SavedModelCompatibilityTest.class.getResourceAsStream(DIR + file);
        assertNotNull(in, "missing test resource " + DIR + file);
        return in;
    }
}
