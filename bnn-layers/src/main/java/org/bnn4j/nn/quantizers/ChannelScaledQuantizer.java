package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A kernel quantizer whose values are a per-output-channel scale times the values of another quantizer:
 * {@code q(W) = scale_c * core(W)}, and likewise its gradient. Layers use this to apply the scale to the output
 * of their linear op instead of inside the kernel: with a ±1 core, the matrix product or convolution then sums
 * ±1 values exactly in float (as the packed runtime's popcount does), and only the scaling rounds.
 *
 * <pre>{@code
 * ChannelScaledQuantizer q = new MagnitudeAwareSign();   // alpha_c * sign(W)
 * INDArray alpha = q.scales(w, context);                 // [nOut]
 * INDArray signs = q.core().quantize(w, context);        // ±1
 * }</pre>
 */
public interface ChannelScaledQuantizer extends Quantizer {

    /** The quantizer the scale multiplies. */
    Quantizer core();

    /** The per-channel scales (one per slice along the context's channel axis). */
    INDArray scales(INDArray x, QuantizationContext context);
}
