package org.bnn4j.nn.layers;

import org.bnn4j.nn.quantizers.QuantizationContext;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;

/**
 * How a quantized layer turns its kernel parameters into the kernel its linear op uses, and the gradient
 * with respect to that kernel into the gradients of those parameters. {@link BaseQuantizedLayer} uses
 * {@link QuantizerKernel} (the configured kernel quantizer); TTQ layers use {@link TrainedTernaryKernel},
 * which adds the trained scales. The linear op (matrix product, convolution) is independent of it.
 */
interface KernelQuantization {

    /**
     * The kernel the linear op uses, computed from the layer's parameters (which it leaves unchanged) into
     * {@code out}, an array shaped and ordered like "W"; returns {@code out}.
     */
    INDArray quantize(Map<String, INDArray> params, INDArray out, QuantizationContext context);

    /** The kernel into a new array. */
    default INDArray quantize(Map<String, INDArray> params, QuantizationContext context) {
        return quantize(params, params.get(DefaultParamInitializer.WEIGHT_KEY).ulike(), context);
    }

    /**
     * A per-output-channel factor the linear op's output is multiplied by, when {@link #quantize} returned the
     * kernel without it (see {@link org.bnn4j.nn.quantizers.ChannelScaledQuantizer}); null when the kernel is
     * complete. Gradients given to {@link #backprop} are then with respect to the unscaled kernel, taken with
     * dL/dz already multiplied by this factor.
     */
    default INDArray outputScale(Map<String, INDArray> params, QuantizationContext context) {
        return null;
    }

    /**
     * Given dL/d(quantized kernel) in the gradient view of "W", writes the gradients of the kernel's
     * parameters into their views (dL/dW replacing dL/dq in place) and returns the keys it wrote.
     */
    List<String> backprop(Map<String, INDArray> params, Map<String, INDArray> gradientViews, QuantizationContext context);
}
