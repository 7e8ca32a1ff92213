package org.bnn4j.nn.layers;

import org.bnn4j.nn.quantizers.ChannelScaledQuantizer;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The usual kernel: q(W) with the layer's kernel quantizer, and its straight-through backward pass. A
 * {@link ChannelScaledQuantizer} (XNOR-Net's {@code alpha * sign(W)}) gives its core kernel and leaves its
 * scales to the layer's output ({@link #outputScale}).
 */
final class QuantizerKernel implements KernelQuantization {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;

    private final Quantizer quantizer;
    private final ChannelScaledQuantizer scaled;

    QuantizerKernel(Quantizer quantizer) {
        this.scaled = quantizer instanceof ChannelScaledQuantizer c ? c : null;
        this.quantizer = scaled != null ? scaled.core() : quantizer;
    }

    @Override
    public INDArray quantize(Map<String, INDArray> params, INDArray out, QuantizationContext context) {
        return quantizer.quantize(params.get(W), out, context);
    }

    @Override
    public INDArray outputScale(Map<String, INDArray> params, QuantizationContext context) {
        return scaled == null ? null : scaled.scales(params.get(W), context);
    }

    @Override
    public List<String> backprop(Map<String, INDArray> params, Map<String, INDArray> gradientViews, QuantizationContext context) {
        INDArray kernelGradient = gradientViews.get(W);
        quantizer.backprop(params.get(W), kernelGradient, kernelGradient, context);
        return Collections.singletonList(W);
    }
}
