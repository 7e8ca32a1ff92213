package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.quantizers.Quantizer;

/**
 * A layer configuration parametrized by quantizers, as in Larq: what it does to its input and to its
 * kernel is decided by the quantizers, not by the layer class.
 */
public interface QuantizedLayer {

    /** Quantizer applied to the layer's input, or {@code null} for real-valued input. */
    Quantizer getInputQuantizer();

    /** Quantizer applied to the layer's latent kernel weights. */
    Quantizer getKernelQuantizer();
}
