package org.bnn4j.keras;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.bnn4j.keras.KerasTestModels.config;
import static org.bnn4j.keras.KerasTestModels.input;
import static org.bnn4j.keras.KerasTestModels.quantizer;
import static org.bnn4j.keras.KerasTestModels.uniform;

/**
 * An untrained Larq model for small images in Larq's usual shape (real-input binary stem, then binary
 * convolutions with +1 padding, batch norms, a binary classifier), written as Larq saves it: for tests that
 * import, fine-tune and export a Keras file end to end (bnn-tests uses it through this module's test jar).
 *
 * <pre>{@code
 * Path h5 = LarqExampleModels.convNet(dir.resolve("larq-mnist.h5"), 28, 1);   // 28x28 grey, e.g. MNIST
 * }</pre>
 */
public final class LarqExampleModels {
    private static final Map<String, Object> STE_SIGN = quantizer("SteSign", "clip_value", 1.0);
    private static final Map<String, Object> WEIGHT_CLIP = config("class_name", "weight_clip", "config",
            config("clip_value", 1));

    private LarqExampleModels() {
    }

    /** Input side x side x channels (NHWC), 10 softmax outputs, latent kernels uniform in [-1, 1) from fixed seeds. */
    public static Path convNet(Path file, int side, int channels) throws Exception {
        int pooled = (side - 2) / 2 / 2;
        return new KerasH5Writer(true)
                .layer("InputLayer", "input", input(side, side, channels))
                .layer("QuantConv2D", "stem", config("filters", 8, "kernel_size", List.of(3, 3), "padding", "valid",
                        "use_bias", false, "kernel_quantizer", STE_SIGN, "kernel_constraint", WEIGHT_CLIP),
                        Map.of("kernel", uniform(101, 3, 3, channels, 8)))
                .layer("MaxPooling2D", "pool1", config("pool_size", List.of(2, 2), "padding", "valid"))
                .layer("BatchNormalization", "bn1", batchNorm(), batchNormWeights(8, 102, 3 * channels))
                .layer("QuantConv2D", "conv", config("filters", 16, "kernel_size", List.of(3, 3), "padding", "same",
                        "pad_values", 1.0, "use_bias", false, "input_quantizer", STE_SIGN, "kernel_quantizer",
                        STE_SIGN, "kernel_constraint", WEIGHT_CLIP), Map.of("kernel", uniform(103, 3, 3, 8, 16)))
                .layer("MaxPooling2D", "pool2", config("pool_size", List.of(2, 2), "padding", "valid"))
                .layer("BatchNormalization", "bn2", batchNorm(), batchNormWeights(16, 104, 72))
                .layer("Flatten", "flatten", config())
                .layer("QuantDense", "classifier", config("units", 10, "use_bias", false, "input_quantizer", STE_SIGN,
                        "kernel_quantizer", STE_SIGN, "kernel_constraint", WEIGHT_CLIP),
                        Map.of("kernel", uniform(105, pooled * pooled * 16, 10)))
                .layer("BatchNormalization", "bn3", config("axis", List.of(1), "epsilon", 1e-3, "center", true,
                        "scale", true), batchNormWeights(10, 106, pooled * pooled * 16))
                .layer("Activation", "softmax", config("activation", "softmax"))
                .write(file);
    }

    private static Map<String, Object> batchNorm() {
        return config("axis", List.of(3), "epsilon", 1e-3, "center", true, "scale", true);
    }

    /**
     * Statistics of a freshly built model: the moving variance near the variance of a sum of {@code terms} +-1
     * products, so the untrained model's activations are of order 1, as after Keras' first epoch.
     */
    private static Map<String, INDArray> batchNormWeights(int channels, long seed, int terms) {
        return Map.of("gamma", uniform(seed, channels).muli(0.2).addi(1), "beta", uniform(seed + 1, channels).muli(0.1),
                "moving_mean", uniform(seed + 2, channels), "moving_variance",
                uniform(seed + 3, channels).muli(0.1).addi(1).muli(terms));
    }
}
