package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

import java.io.Serializable;

/**
 * A quantizer maps real values to a few levels in the forward pass and defines the (pseudo-)gradient
 * that flows back to the real values, usually a straight-through estimator (STE).
 *
 * <p>Quantizers parametrize bnn4j's layers, as in Larq: a layer has an <em>input quantizer</em> (applied
 * to the activations it receives) and a <em>kernel quantizer</em> (applied to its latent float
 * weights), so a new quantizer needs no new layer class. They are also usable as an activation through
 * {@link org.bnn4j.nn.activations.ActivationSteSign}.
 *
 * <pre>{@code
 * new BinaryDenseLayer.Builder().nOut(1024)
 *         .inputQuantizer(new SteSign())            // binary activations
 *         .kernelQuantizer(new MagnitudeAwareSign()) // XNOR-Net weights: alpha * sign(W)
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be immutable after construction, have a no-argument constructor and
 * {@code equals}/{@code hashCode}, so that they serialize into DL4J's JSON like any stock component.
 * Both methods may write into an {@code out} array that is the same object as one of their inputs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public interface Quantizer extends Serializable {

    /**
     * Forward pass: writes q(x) into {@code out} (same shape as x; may be x itself) and returns it.
     */
    INDArray quantize(INDArray x, INDArray out, QuantizationContext context);

    /**
     * Backward pass: given the latent values x and dL/dq, writes dL/dx into {@code out} (may be x or
     * gradient itself) and returns it.
     */
    INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context);

    /** Bits per quantized value: 1 for the sign family, 2 for ternary, 32 for {@link Identity}. */
    int precision();

    /** Convenience: q(x) into a new array. */
    default INDArray quantize(INDArray x, QuantizationContext context) {
        return quantize(x, x.ulike(), context);
    }

    /** Convenience: dL/dx into a new array. */
    default INDArray backprop(INDArray x, INDArray gradient, QuantizationContext context) {
        return backprop(x, gradient, gradient.ulike(), context);
    }
}
