package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.ModelFileException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a ModelSerializer zip before DL4J restores it, so that a damaged, foreign or inconsistent file is one
 * {@link ModelFileException} naming the file and its problem, not a DL4J stack trace, a message quoting the
 * file's bytes, or an allocation of whatever a damaged header claims. The zip must hold {@code configuration.json},
 * a MultiLayerNetwork or ComputationGraph configuration, and {@code coefficients.bin}, an ND4J array of exactly
 * the parameters that configuration has (and, when asked for, a well-formed {@code updaterState.bin}).
 */
final class ModelZipCheck {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    /** The zoo's configurations are 20 to 200 KB; a larger entry is damaged or a zip bomb. */
    private static final int MAX_CONFIGURATION_BYTES = 16 << 20;

    private ModelZipCheck() {
    }

    /** The two network types a ModelSerializer zip can hold. */
    enum Kind {
        MULTI_LAYER_NETWORK, COMPUTATION_GRAPH
    }

    /**
     * @param updaterState whether to check the updater state too (only needed when it will be restored)
     * @return which network type the zip holds
     * @throws ModelFileException saying what is wrong with the file
     */
    static Kind check(Path file, boolean updaterState) {
        try (ModelZipFile zip = ModelZipFile.open(file)) {
            Object configuration = configuration(zip);
            long expected = numParams(configuration, file);
            long stored = storedArray(zip, COEFFICIENTS).orElseThrow(() -> new ModelFileException(file,
                    "is not a complete DL4J ModelSerializer zip: it has no " + COEFFICIENTS)).count();
            if (stored != expected) {
                throw new ModelFileException(file, COEFFICIENTS + " holds " + stored + " parameters but " + CONFIGURATION
                        + " describes a network with " + expected + ": a layer's size (nIn/nOut) was changed, or the "
                        + "two entries come from different models");
            }
            if (updaterState) {
                storedArray(zip, UPDATER_STATE); // optional: a zip saved without it restores with a fresh updater
            }
            return configuration instanceof MultiLayerConfiguration ? Kind.MULTI_LAYER_NETWORK : Kind.COMPUTATION_GRAPH;
        }
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

    /** The stored array's element count and type, or empty when the zip has no such entry. */
    private static Optional<StoredArrayHeader.Parameters> storedArray(ModelZipFile zip, String entry) {
        return zip.read(entry, in -> {
            try {
                return StoredArrayHeader.check(in);
            } catch (StoredArrayHeader.BadArrayException e) {
                throw new ModelFileException(zip.file(), entry + " " + e.getMessage());
            }
        });
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
