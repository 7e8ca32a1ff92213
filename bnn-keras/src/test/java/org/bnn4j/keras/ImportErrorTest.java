package org.bnn4j.keras;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.bnn4j.keras.KerasTestModels.config;
import static org.bnn4j.keras.KerasTestModels.input;
import static org.bnn4j.keras.KerasTestModels.quantizer;
import static org.bnn4j.keras.KerasTestModels.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way an import can fail says which file, layer and field, and returns no network. */
class ImportErrorTest {
    @TempDir
    Path dir;

    private Path dense(String name, Map<String, Object> extra, Map<String, org.nd4j.linalg.api.ndarray.INDArray> w)
            throws Exception {
        Map<String, Object> c = config("units", 2, "use_bias", false);
        c.putAll(extra);
        return new KerasH5Writer(true)
                .layer("InputLayer", "in", input(3))
                .layer("QuantDense", "qd", c, w)
                .write(dir.resolve(name));
    }

    @Test
    void unsupportedLayerIsNamedBeforeAnyWeightIsRead() throws Exception {
        // the Lambda layer has no weights in the file and the dense kernel is missing too: the layer is reported
        Path file = new KerasH5Writer(true)
                .layer("InputLayer", "in", input(3))
                .layer("QuantDense", "qd", config("units", 2, "use_bias", false))
                .layer("Lambda", "my_lambda", config("function", "x * 2"))
                .write(dir.resolve("lambda.h5"));
        assertMessage(file, "layer 'my_lambda' (Lambda) is not supported", "supported layers: InputLayer");
    }

    @Test
    void unsupportedQuantizersAreNamed() throws Exception {
        Map<String, Map<String, Object>> cases = Map.of(
                "DoReFa", quantizer("DoReFa", "k_bit", 2),
                "SteHeaviside", quantizer("SteHeaviside", "clip_value", 1.0),
                "ternary_weight_networks=true", quantizer("SteTern", "threshold_value", 0.05,
                        "ternary_weight_networks", true));
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            Path file = dense("q.h5", config("kernel_quantizer", c.getValue()), Map.of("kernel", uniform(1, 3, 2)));
            assertMessage(file, "layer 'qd' (QuantDense), field 'kernel_quantizer'", c.getKey());
        }
    }

    @Test
    void missingWeightIsNamed() throws Exception {
        assertMessage(dense("missing.h5", config(), Map.of()), "layer 'qd' (QuantDense), weight 'kernel' is missing");
    }

    @Test
    void weightOfTheWrongShapeIsNamed() throws Exception {
        assertMessage(dense("shape.h5", config(), Map.of("kernel", uniform(1, 4, 2))),
                "weight 'kernel' has shape [4, 2] but the layer's config implies [3, 2]");
    }

    @Test
    void unknownConstraintIsNamed() throws Exception {
        Path file = dense("c.h5", config("kernel_constraint", config("class_name", "MaxNorm", "config", config())),
                Map.of("kernel", uniform(1, 3, 2)));
        assertMessage(file, "field 'kernel_constraint'", "MaxNorm");
    }

    @Test
    void padValueBnn4jCannotHoldIsNamed() throws Exception {
        Path file = new KerasH5Writer(true)
                .layer("InputLayer", "in", input(4, 4, 1))
                .layer("QuantConv2D", "qc", config("filters", 1, "kernel_size", List.of(3, 3), "padding", "same",
                        "pad_values", 0.5), Map.of("kernel", uniform(1, 3, 3, 1, 1), "bias", uniform(2, 1)))
                .write(dir.resolve("pad.h5"));
        assertMessage(file, "layer 'qc' (QuantConv2D)", "padValue must be 0, +1 or -1");
    }

    @Test
    void functionalModelIsNoSequentialOne() throws Exception {
        Path file = new KerasH5Writer(false)
                .layer("InputLayer", "in", input(3), Map.of(), List.of())
                .layer("Dense", "d", config("units", 2), Map.of("kernel", uniform(1, 3, 2), "bias", uniform(2, 2)),
                        List.of("in"))
                .output("d")
                .write(dir.resolve("functional.h5"));
        assertMessage(file, "not a Sequential model");
    }

    @Test
    void brokenFilesAreNamed() throws Exception {
        Path good = dense("good.h5", config(), Map.of("kernel", uniform(1, 3, 2)));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.h5"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertMessage(truncated, "truncated.h5");
        Path text = Files.writeString(dir.resolve("notes.h5"), "not a model at all");
        assertMessage(text, "notes.h5: not an HDF5 file");
        Path keras3 = Files.write(dir.resolve("model.keras"), new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0});
        assertMessage(keras3, "model.keras: a Keras 3 '.keras' archive (zip) is not supported");
        Path badJson = new KerasH5Writer(true).write(dir.resolve("json.h5"), "{\"class_name\": \"Sequential\", ");
        assertMessage(badJson, "json.h5: model_config is not valid JSON");
    }

    private static void assertMessage(Path file, String... parts) {
        Executable importing = () -> BnnKerasImport.importSequentialModelAndWeights(file);
        KerasImportException e = assertThrows(KerasImportException.class, importing);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(file.getFileName().toString()), "file not named: " + e.getMessage());
    }
}
