package org.bnn4j.keras;

import org.nd4j.linalg.activations.Activation;

/**
 * Keras activation names as DL4J's {@link Activation}s with the same definition.
 *
 * <pre>{@code
 * Activation a = KerasActivations.of(reader, "activation");   // "softmax" -> SOFTMAX
 * }</pre>
 */
final class KerasActivations {
    static final String SUPPORTED = "linear, relu, softmax, sigmoid, tanh, elu, selu, softplus, softsign, swish";

    private KerasActivations() {
    }

    static Activation of(ConfigReader layer, String field) {
        String name = layer.string(field, "linear");
        return switch (name) {
            case "linear" -> Activation.IDENTITY;
            case "relu" -> Activation.RELU;
            case "softmax" -> Activation.SOFTMAX;
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            case "elu" -> Activation.ELU;
            case "selu" -> Activation.SELU;
            case "softplus" -> Activation.SOFTPLUS;
            case "softsign" -> Activation.SOFTSIGN;
            case "swish" -> Activation.SWISH;
            default -> throw layer.error(field, "activation '" + name + "' is not supported; supported: " + SUPPORTED);
        };
    }
}
