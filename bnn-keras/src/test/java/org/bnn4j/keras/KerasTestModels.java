package org.bnn4j.keras;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pieces of Keras/Larq layer configs for the tests' model files, spelled as Keras writes them.
 *
 * <pre>{@code
 * Map<String, Object> conv = KerasTestModels.config("filters", 4, "kernel_size", List.of(3, 3),
 *         "kernel_quantizer", KerasTestModels.quantizer("SteSign", "clip_value", 1.0));
 * }</pre>
 */
public final class KerasTestModels {
    private KerasTestModels() {
    }

    public static Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    public static Map<String, Object> quantizer(String className, Object... config) {
        return config("class_name", className, "config", config(config));
    }

    public static Map<String, Object> input(int... shape) {
        List<Object> batch = new java.util.ArrayList<>();
        batch.add(null);
        Arrays.stream(shape).forEach(batch::add);
        return config("batch_input_shape", batch, "dtype", "float32");
    }

    /** Uniform in [-1, 1), seeded: latent weights as Larq keeps them. */
    public static INDArray uniform(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).muli(2).subi(1);
    }
}
