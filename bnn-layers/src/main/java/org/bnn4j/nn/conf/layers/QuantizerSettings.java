package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.Quantizer;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What a quantized layer's builder has collected about its quantizers until {@code build()}: the mutable state behind
 * {@link QuantizedLayerBuilder}'s setters, one object for the dense and the convolution builders alike (their DL4J
 * base builders differ, so they cannot share fields by inheritance). Users set it through the builders.
 *
 * <pre>{@code
 * new QuantizedDenseLayer.Builder().nOut(64).kernelQuantizer(new SteSign()).quantizers().kernel(); // SteSign
 * }</pre>
 */
public final class QuantizerSettings {
    Quantizer input;
    Quantizer kernel = new Identity();
    Quantizer bias;
    Quantizer backpropInput;
    IUpdater kernelUpdater;

    /** The input quantizer so far (null: real input). */
    public Quantizer input() {
        return input;
    }

    /** The kernel quantizer so far. */
    public Quantizer kernel() {
        return kernel;
    }
}
