package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.nn.quantizers.PowerOfTwo;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.zoo.BinaryNetMlp;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code ./bnn4j train}'s options for {@code --model binarynet-mlp}, a picocli mixin: its shape and the variants of
 * BinaryNet, BinaryConnect and "few multiplications" (Lin et al. 2016) it can be. The variant options are refused,
 * in one line, on other models and (those about quantized kernels) on the full-precision twin.
 *
 * <pre>
 * ./bnn4j train --model binarynet-mlp --activations relu --weights stochastic-ternary \
 *     --backprop-quantizer power-of-two --backprop-exponents -8,0 --loss squared-hinge   # TernaryConnect + quantized backprop
 * ./bnn4j train --model binarynet-mlp --activations relu --weights stochastic-binary --glorot-kernel-lr   # BinaryConnect
 * ./bnn4j train --model binarynet-mlp --no-weight-clip --dropout-input 0.2 --dropout-hidden 0.5
 * </pre>
 */
public final class MlpOptions {
    @Option(names = "--width", defaultValue = "1024", converter = MinimumInt.Positive.class,
            description = "binarynet-mlp: hidden width (the paper: 4096; default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--hidden-layers", defaultValue = "3", converter = MinimumInt.Positive.class,
            description = "binarynet-mlp: hidden layers (default: ${DEFAULT-VALUE}).")
    int hiddenLayers;

    @Option(names = "--dropout-input", defaultValue = "0", description = "binarynet-mlp: dropped fraction of inputs (the paper: 0.2).")
    double inputDropout;

    @Option(names = "--dropout-hidden", defaultValue = "0", description = "binarynet-mlp: dropped fraction of hidden units (the paper: 0.5).")
    double hiddenDropout;

    @Option(names = "--binarized-bias", description = "binarynet-mlp: binarize the dense layers' biases (sign forward, STE backward).")
    boolean binarizedBias;

    @Option(names = "--activations", description = "binarynet-mlp: sign (BinaryNet, default) or relu (BinaryConnect: real hidden units).")
    String activations;

    @Option(names = "--weights", description = "binarynet-mlp: binary (default), stochastic-binary, ternary or "
            + "stochastic-ternary (TernaryConnect) kernels.")
    String weights;

    @Option(names = "--backprop-quantizer", description = "binarynet-mlp: power-of-two or stochastic-power-of-two: "
            + "quantize the layer inputs of the weight gradient (Lin et al.'s quantized back-propagation; default: none).")
    String backpropQuantizer;

    @Option(names = "--backprop-exponents", paramLabel = "MIN,MAX",
            description = "--backprop-quantizer: the exponent range of the powers of two (default: -8,0).")
    String backpropExponents;

    @Option(names = "--glorot-kernel-lr", description = "binarynet-mlp: BinaryConnect's per-layer learning rates: each "
            + "quantized kernel learns 1/sqrt(1.5/(fan-in + fan-out)) times --lr (about 35x), on the same schedule.")
    boolean glorotKernelLr;

    @Option(names = "--weight-clip", negatable = true, description = "binarynet-mlp: clip the latent weights to [-1, 1] "
            + "after each update (default: on; --no-weight-clip turns it off).")
    Boolean weightClip;

    /** Checks the options against the model, before any data is read; throws with one line if they cannot apply. */
    void check(ModelCatalog model, boolean fullPrecision) {
        if (model != ModelCatalog.BINARYNET_MLP) {
            String given = activations != null ? "--activations" : weights != null ? "--weights"
                    : backpropQuantizer != null ? "--backprop-quantizer" : backpropExponents != null ? "--backprop-exponents"
                    : weightClip != null ? "--[no-]weight-clip" : binarizedBias ? "--binarized-bias"
                    : glorotKernelLr ? "--glorot-kernel-lr" : null;
            if (given != null) {
                throw new IllegalArgumentException(given + " is a binarynet-mlp option; --model "
                        + (model == null ? "(a Keras file)" : model.cliName()) + " does not take it");
            }
        }
        if (fullPrecision && (weights != null || weightClip != null || binarizedBias || glorotKernelLr)) {
            throw new IllegalArgumentException((weights != null ? "--weights" : weightClip != null ? "--[no-]weight-clip"
                    : binarizedBias ? "--binarized-bias" : "--glorot-kernel-lr")
                    + " is about quantized weights; a --full-precision model has none");
        }
        if (backpropExponents != null && backpropQuantizer == null) {
            throw new IllegalArgumentException("--backprop-exponents needs --backprop-quantizer");
        }
        parseActivations();
        parseWeights();
        backpropInputQuantizer(0);
    }

    /** Copies these options into the zoo's options ({@code seed} seeds a stochastic back-propagation quantizer). */
    void applyTo(ModelCatalog.Options o, long seed) {
        o.width = width;
        o.hiddenLayers = hiddenLayers;
        o.inputDropout = inputDropout;
        o.hiddenDropout = hiddenDropout;
        o.binarizedBias = binarizedBias;
        o.activations = parseActivations();
        o.weights = parseWeights();
        o.backpropInputQuantizer = backpropInputQuantizer(seed);
        o.weightClipping = weightClip == null || weightClip;
        o.glorotKernelLearningRates = glorotKernelLr;
    }

    private BinaryNetMlp.Activations parseActivations() {
        return activations == null ? BinaryNetMlp.Activations.SIGN
                : parse("--activations", activations, BinaryNetMlp.Activations.values());
    }

    private BinaryNetMlp.Weights parseWeights() {
        return weights == null ? BinaryNetMlp.Weights.BINARY : parse("--weights", weights, BinaryNetMlp.Weights.values());
    }

    private Quantizer backpropInputQuantizer(long seed) {
        if (backpropQuantizer == null) {
            return null;
        }
        String kind = backpropQuantizer.toLowerCase(Locale.ROOT);
        if (!kind.equals("power-of-two") && !kind.equals("stochastic-power-of-two")) {
            throw new IllegalArgumentException("--backprop-quantizer must be power-of-two or stochastic-power-of-two, got "
                    + backpropQuantizer);
        }
        int[] range = exponents();
        try {
            return new PowerOfTwo(range[0], range[1], kind.startsWith("stochastic"), seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--backprop-exponents: " + e.getMessage(), e);
        }
    }

    private int[] exponents() {
        if (backpropExponents == null) {
            return new int[]{-8, 0};
        }
        String[] parts = backpropExponents.split(",", -1);
        try {
            if (parts.length == 2) {
                return new int[]{Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--backprop-exponents must be two whole numbers MIN,MAX (e.g. -8,0), got "
                + backpropExponents);
    }

    /** The constant whose name, lower case with '-' for '_', is {@code value}. */
    private static <E extends Enum<E>> E parse(String option, String value, E[] choices) {
        for (E e : choices) {
            if (cliName(e).equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " must be one of " + Arrays.stream(choices).map(MlpOptions::cliName)
                .collect(Collectors.joining(", ")) + ", got " + value);
    }

    private static String cliName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
