package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.nn.BatchNormUpgrade;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Restores the network of a ModelSerializer zip (without its updater state) from entries it has checked first,
 * so that a damaged, foreign or inconsistent file is one {@link ModelFileException} naming the file and its
 * problem, never a DL4J stack trace, a message quoting the file's bytes, or an allocation of what a damaged header
 * claims. {@code configuration.json} must be a MultiLayerNetwork or ComputationGraph configuration and
 * {@code coefficients.bin} an ND4J array of exactly the parameters that configuration has. It builds the network
 * as {@code ModelSerializer} does, but from the bytes it checked: DL4J's restore reads the zip again, its own way,
 * and deserializes any {@code preprocessor.bin} it finds with an {@code ObjectInputStream}.
 */
final class ModelZipReader {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    /** The zoo's configurations are 20 to 200 KB; a larger entry is damaged or a zip bomb. */
    private static final int MAX_CONFIGURATION_BYTES = 16 << 20;

    private ModelZipReader() {
    }

    /** @throws ModelFileException saying what is wrong with the file */
    static Model restore(Path file) {
        try (ModelZipFile zip = ModelZipFile.open(file)) {
            Object configuration = configuration(zip);
            INDArray parameters = parameters(zip, numParams(configuration, file));
            try {
                return build(configuration, parameters);
            } catch (RuntimeException e) {
                throw new ModelFileException(file, "DL4J cannot build the network " + CONFIGURATION + " describes ("
                        + cause(e) + ")", e);
            }
        }
    }

    /**
     * What ModelSerializer does once it has the configuration and parameters, with DL4J's BatchNormalization
     * moved onto bnn4j's BatchNorm (same parameters and outputs, no garbage at inference).
     */
    private static Model build(Object configuration, INDArray parameters) {
        if (configuration instanceof MultiLayerConfiguration m) {
            BatchNormUpgrade.replaceIn(m);
            m.setDataType(parameters.dataType());
            MultiLayerNetwork network = new MultiLayerNetwork(m);
            network.init(parameters, false);
            return network;
        }
        ComputationGraphConfiguration c = (ComputationGraphConfiguration) configuration;
        BatchNormUpgrade.replaceIn(c);
        c.setDataType(parameters.dataType());
        ComputationGraph graph = new ComputationGraph(c);
        graph.init(parameters, false);
        return graph;
    }

    private static Object configuration(ModelZipFile zip) {
        Path file = zip.file();
        byte[] bytes = zip.bytes(CONFIGURATION, MAX_CONFIGURATION_BYTES).orElseThrow(() -> new ModelFileException(file,
                "is not a DL4J ModelSerializer zip: it has no " + CONFIGURATION));
        String json = new String(bytes, StandardCharsets.UTF_8);
        JsonNode root = parseJson(json, file);
        boolean multiLayer = root.has("confs");
        if (!multiLayer && !root.has("vertices")) {
            throw new ModelFileException(file, CONFIGURATION + " is neither a MultiLayerNetwork nor a ComputationGraph "
                    + "configuration (it has no \"confs\" or \"vertices\")");
        }
        try {
            return multiLayer ? MultiLayerConfiguration.fromJson(json) : ComputationGraphConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, CONFIGURATION + " is not a valid "
                    + (multiLayer ? "MultiLayerNetwork" : "ComputationGraph") + " configuration (" + cause(e) + ")", e);
        }
    }

    private static JsonNode parseJson(String json, Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            if (root == null || !root.isObject()) {
                throw new ModelFileException(file, CONFIGURATION + " is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file, CONFIGURATION + " is not valid JSON (" + cause(e) + ")", e);
        } catch (StackOverflowError e) {
            throw new ModelFileException(file, CONFIGURATION + " is nested too deeply to be a configuration");
        }
    }

    /** What DL4J's parameter initializers will ask for; DL4J's own check compares exactly this count. */
    private static long numParams(Object configuration, Path file) {
        try {
            long total = 0;
            if (configuration instanceof MultiLayerConfiguration m) {
                for (NeuralNetConfiguration layer : m.getConfs()) {
                    total += layer.getLayer().initializer().numParams(layer);
                }
            } else {
                for (GraphVertex vertex : ((ComputationGraphConfiguration) configuration).getVertices().values()) {
                    total += vertex.numParams(true);
                }
            }
            return total;
        } catch (RuntimeException e) {
            throw new ModelFileException(file, CONFIGURATION + " describes a network DL4J cannot build (" + cause(e) + ")", e);
        }
    }

    /** The parameters, read by ND4J only after their header was checked against the configuration and the entry. */
    private static INDArray parameters(ModelZipFile zip, long expected) {
        Path file = zip.file();
        long length = zip.read(COEFFICIENTS, in -> {
            try {
                return StoredArrayHeader.check(in, expected);
            } catch (StoredArrayHeader.CountMismatchException e) {
                throw new ModelFileException(file, COEFFICIENTS + " holds " + e.count() + " parameters but " + CONFIGURATION
                        + " describes a network with " + expected + ": a layer's size (nIn/nOut) was changed, or the "
                        + "two entries come from different models");
            } catch (StoredArrayHeader.BadArrayException e) {
                throw new ModelFileException(file, COEFFICIENTS + " " + e.getMessage());
            }
        }).orElseThrow(() -> new ModelFileException(file, "is not a complete DL4J ModelSerializer zip: it has no "
                + COEFFICIENTS));
        if (length > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file, COEFFICIENTS + " holds more parameters than one array holds");
        }
        byte[] checked = zip.bytes(COEFFICIENTS, (int) length).orElseThrow();
        return Nd4j.read(new DataInputStream(new ByteArrayInputStream(checked)));
    }

    /** Jackson's message without its quote of the source, which is the file's content. */
    private static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException j) {
                return j.getOriginalMessage() + (j.getLocation() == null ? ""
                        : " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr());
            }
        }
        return Messages.rootCause(e);
    }
}
