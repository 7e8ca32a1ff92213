package org.bnn4j.nn.quantizers;

import org.bnn4j.nn.params.ParamKeys;

import java.util.Objects;

/**
 * A trained parameter that a kernel quantizer owns, such as TTQ's scales Wp and Wn or a learned per-channel scale
 * (XNOR-Net++, LSQ). The layer that uses the quantizer adds it to its parameter table after its own "W" and "b",
 * initialises it, trains it with the layer's updater (never the kernel's own updater, e.g. Bop) and saves it with
 * the model; the quantizer reads and differentiates it in
 * {@link Quantizer#quantize(org.nd4j.linalg.api.ndarray.INDArray, java.util.Map, org.nd4j.linalg.api.ndarray.INDArray, QuantizationContext)}
 * and {@link Quantizer#backprop(org.nd4j.linalg.api.ndarray.INDArray, java.util.Map, org.nd4j.linalg.api.ndarray.INDArray,
 * org.nd4j.linalg.api.ndarray.INDArray, java.util.Map, QuantizationContext)}.
 *
 * <pre>{@code
 * QuantizerParameter.scalar("Wp", 1.0);                   // one value per layer, no L1/L2
 * QuantizerParameter.perChannel("alpha", 0.5).withRegularization(); // one value per output channel, with the layer's L1/L2
 * }</pre>
 *
 * @param key          its key in the layer's parameter table; must differ from "W", "b" and the other parameters
 * @param perChannel   one value per output channel of the kernel (a vector along the kernel's channel axis), else one
 * @param initialValue what a new layer starts from
 * @param regularized  whether the layer's weight regularization (L1, L2, weight decay) applies to it
 */
public record QuantizerParameter(String key, boolean perChannel, double initialValue, boolean regularized) {

    public QuantizerParameter {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.equals(ParamKeys.KERNEL) || key.equals(ParamKeys.BIAS)) {
            throw new IllegalArgumentException("a quantizer parameter's key must be non-empty and not \"W\" or \"b\" "
                    + "(the layer's kernel and bias), got \"" + key + "\"");
        }
        if (!Double.isFinite(initialValue)) {
            throw new IllegalArgumentException("quantizer parameter " + key + ": initial value must be finite, got "
                    + initialValue);
        }
    }

    /** One value for the whole kernel, not regularized. */
    public static QuantizerParameter scalar(String key, double initialValue) {
        return new QuantizerParameter(key, false, initialValue, false);
    }

    /** One value per output channel, not regularized. */
    public static QuantizerParameter perChannel(String key, double initialValue) {
        return new QuantizerParameter(key, true, initialValue, false);
    }

    /** The same parameter with the layer's weight regularization applied to it. */
    public QuantizerParameter withRegularization() {
        return new QuantizerParameter(key, perChannel, initialValue, true);
    }

    /** Its number of values in a kernel with {@code channels} output channels. */
    public long length(long channels) {
        return perChannel ? channels : 1;
    }
}
