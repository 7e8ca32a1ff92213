package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

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
 *
 * <p><b>Trained parameters.</b> A kernel quantizer may own parameters that are trained with the network
 * ({@link #parameters()}, e.g. {@link TrainedTernary}'s scales): the layer adds them to its parameter table and
 * calls the parameter-aware {@link #quantize(INDArray, Map, INDArray, QuantizationContext)} and
 * {@link #backprop(INDArray, Map, INDArray, INDArray, Map, QuantizationContext)}. A quantizer without parameters
 * implements only the two plain methods; the parameter-aware ones default to them. The element-wise helpers the
 * built-in quantizers use (sign with sign(0) = +1, STE masks, per-channel scales, seeded noise) are public in
 * {@link QuantizerOps}.
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

    /**
     * The trained parameters this quantizer owns when used on a layer's kernel (none by default). The list is a
     * function of the quantizer's configuration: equal quantizers declare equal parameters.
     */
    default List<QuantizerParameter> parameters() {
        return List.of();
    }

    /**
     * Forward pass of a kernel quantizer with parameters: writes q(w) into {@code out} (shaped like w) and returns it.
     * {@code params} holds this quantizer's {@link #parameters()} under their keys (scalars as one-element vectors,
     * per-channel ones as vectors along the context's channel axis), as the layer stores them. Without
     * parameters this is {@link #quantize(INDArray, INDArray, QuantizationContext)}.
     */
    default INDArray quantize(INDArray w, Map<String, INDArray> params, INDArray out, QuantizationContext context) {
        return quantize(w, out, context);
    }

    /**
     * Backward pass of a kernel quantizer with parameters: given dL/dq in {@code gradient}, writes dL/dw into
     * {@code out} (may be gradient itself) and the gradient of each of its {@link #parameters()} into
     * {@code parameterGradients.get(key)} (arrays shaped like the parameters; read every input before writing
     * {@code out}). Without parameters this is {@link #backprop(INDArray, INDArray, INDArray, QuantizationContext)}.
     */
    default INDArray backprop(INDArray w, Map<String, INDArray> params, INDArray gradient, INDArray out,
                              Map<String, INDArray> parameterGradients, QuantizationContext context) {
        return backprop(w, gradient, out, context);
    }

    /** Convenience: q(x) into a new array. */
    default INDArray quantize(INDArray x, QuantizationContext context) {
        return quantize(x, x.ulike(), context);
    }

    /** Convenience: dL/dx into a new array. */
    default INDArray backprop(INDArray x, INDArray gradient, QuantizationContext context) {
        return backprop(x, gradient, gradient.ulike(), context);
    }
}
