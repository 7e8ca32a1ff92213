package org.bnn4j.nn.layers;

import org.bnn4j.nn.params.ParamKeys;
import org.bnn4j.nn.quantizers.ChannelScaledQuantizer;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.QuantizerParameter;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a quantized layer turns its latent weights "W" (and the kernel quantizer's own trained parameters, e.g. TTQ's
 * Wp and Wn) into the kernel its linear op uses while training, and the gradient with respect to that kernel into
 * the gradients of those parameters. A {@link ChannelScaledQuantizer} (XNOR-Net's {@code alpha * sign(W)}) gives
 * its core kernel and leaves its scales to the layer's output ({@link #outputScale}), so the linear op sums exact
 * ±1 products as the packed runtime's popcount does. The linear op itself (matrix product, convolution) is the
 * layer's. (The exporter reads the complete inference kernel through
 * {@link org.bnn4j.nn.conf.layers.QuantizedLayer#inferenceKernel}.)
 */
final class LatentKernel {
    private final Quantizer quantizer;
    private final ChannelScaledQuantizer scaled;
    private final List<String> parameterKeys = new ArrayList<>();

    LatentKernel(Quantizer kernelQuantizer) {
        this.scaled = kernelQuantizer instanceof ChannelScaledQuantizer c ? c : null;
        this.quantizer = scaled != null ? scaled.core() : kernelQuantizer;
        for (QuantizerParameter p : kernelQuantizer.parameters()) {
            parameterKeys.add(p.key());
        }
    }

    /** The kernel from the layer's parameters (left unchanged) into {@code out}, shaped and ordered like "W". */
    INDArray quantize(Map<String, INDArray> params, INDArray out, QuantizationContext context) {
        return quantizer.quantize(params.get(ParamKeys.KERNEL), params, out, context);
    }

    /** The kernel into a new array. */
    INDArray quantize(Map<String, INDArray> params, QuantizationContext context) {
        return quantize(params, params.get(ParamKeys.KERNEL).ulike(), context);
    }

    /**
     * The per-output-channel factor the linear op's output is multiplied by, when {@link #quantize} returned the
     * kernel without it; null when the kernel is complete. Gradients given to {@link #backprop} are then with
     * respect to the unscaled kernel, taken with dL/dz already multiplied by this factor.
     */
    INDArray outputScale(Map<String, INDArray> params, QuantizationContext context) {
        return scaled == null ? null : scaled.scales(params.get(ParamKeys.KERNEL), context);
    }

    /**
     * Given dL/d(kernel) in the gradient view of "W", writes dL/dW there (in place) and the gradients of the
     * quantizer's parameters into their views; returns the keys it wrote.
     */
    List<String> backprop(Map<String, INDArray> params, Map<String, INDArray> gradientViews, QuantizationContext context) {
        INDArray kernelGradient = gradientViews.get(ParamKeys.KERNEL);
        Map<String, INDArray> parameterGradients = new LinkedHashMap<>();
        for (String key : parameterKeys) {
            parameterGradients.put(key, gradientViews.get(key));
        }
        quantizer.backprop(params.get(ParamKeys.KERNEL), params, kernelGradient, kernelGradient, parameterGradients, context);
        List<String> written = new ArrayList<>();
        written.add(ParamKeys.KERNEL);
        written.addAll(parameterKeys);
        return written;
    }
}
