package org.bnn4j.nn.layers;

import org.bnn4j.nn.quantizers.ChannelScaledQuantizer;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.QuantizerParameter;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a quantized layer turns latent weights (its kernel "W", or another kernel such as the separable convolution's
 * pointwise "pW") and the quantizer's own trained parameters (e.g. TTQ's Wp and Wn) into the kernel its linear op
 * uses while training, and the gradient with respect to that kernel into the gradients of those parameters. When
 * {@code splitScale} is set, a {@link ChannelScaledQuantizer} (XNOR-Net's {@code alpha * sign(W)}) gives its core
 * kernel and leaves its scales to the layer's output ({@link #outputScale}), so the linear op sums exact ±1 products
 * as the packed runtime's popcount does. The linear op itself (matrix product, convolution) is the layer's. (The
 * exporter reads the complete inference kernel through {@link org.bnn4j.nn.conf.layers.QuantizedLayer#inferenceKernel}.)
 */
final class LatentKernel {
    private final Quantizer quantizer;
    private final ChannelScaledQuantizer scaled;
    private final String kernelKey;
    /** The quantizer's parameter keys and their keys in the layer's table. */
    private final Map<String, String> tableKeys = new HashMap<>();

    /**
     * @param kernelKey  the latent weights' key in the layer's table
     * @param prefix     what the layer put before the quantizer's parameter keys
     * @param splitScale whether a ChannelScaledQuantizer's scales go to the output instead of the kernel
     */
    LatentKernel(Quantizer quantizer, String kernelKey, String prefix, boolean splitScale) {
        this.scaled = splitScale && quantizer instanceof ChannelScaledQuantizer c ? c : null;
        this.quantizer = scaled != null ? scaled.core() : quantizer;
        this.kernelKey = kernelKey;
        for (QuantizerParameter p : quantizer.parameters()) {
            tableKeys.put(p.key(), prefix + p.key());
        }
    }

    /** The kernel from the layer's parameters (left unchanged) into {@code out}, shaped and ordered like the weights. */
    INDArray quantize(Map<String, INDArray> params, INDArray out, QuantizationContext context) {
        return quantizer.quantize(params.get(kernelKey), own(params), out, context);
    }

    /** The kernel into a new array. */
    INDArray quantize(Map<String, INDArray> params, QuantizationContext context) {
        return quantize(params, params.get(kernelKey).ulike(), context);
    }

    /**
     * The per-output-channel factor the linear op's output is multiplied by, when {@link #quantize} returned the
     * kernel without it; null when the kernel is complete. Gradients given to {@link #backprop} are then with
     * respect to the unscaled kernel, taken with dL/dz already multiplied by this factor.
     */
    INDArray outputScale(Map<String, INDArray> params, QuantizationContext context) {
        return scaled == null ? null : scaled.scales(params.get(kernelKey), context);
    }

    /**
     * Given dL/d(kernel) in the gradient view of the weights, writes dL/dweights there (in place) and the gradients
     * of the quantizer's parameters into their views; returns the table keys it wrote.
     */
    List<String> backprop(Map<String, INDArray> params, Map<String, INDArray> gradientViews, QuantizationContext context) {
        INDArray kernelGradient = gradientViews.get(kernelKey);
        quantizer.backprop(params.get(kernelKey), own(params), kernelGradient, kernelGradient, own(gradientViews), context);
        return tableKeys();
    }

    /** The keys of the weights and the quantizer's parameters in the layer's table. */
    List<String> tableKeys() {
        List<String> keys = new ArrayList<>();
        keys.add(kernelKey);
        keys.addAll(tableKeys.values());
        return keys;
    }

    /** The entries of a layer's table the quantizer reads, under the quantizer's own keys. */
    private Map<String, INDArray> own(Map<String, INDArray> table) {
        Map<String, INDArray> own = new HashMap<>();
        tableKeys.forEach((quantizerKey, tableKey) -> own.put(quantizerKey, table.get(tableKey)));
        return own;
    }
}
