package org.bnn4j.nn.layers;

import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The usual kernel: q(W) with the layer's kernel quantizer, and its straight-through backward pass. */
final class QuantizerKernel implements KernelQuantization {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;

    private final Quantizer quantizer;

    QuantizerKernel(Quantizer quantizer) {
        this.quantizer = quantizer;
    }

    @Override
    public INDArray quantize(Map<String, INDArray> params, INDArray out, QuantizationContext context) {
        return quantizer.quantize(params.get(W), out, context);
    }

    @Override
    public List<String> backprop(Map<String, INDArray> params, Map<String, INDArray> gradientViews, QuantizationContext context) {
        INDArray kernelGradient = gradientViews.get(W);
        quantizer.backprop(params.get(W), kernelGradient, kernelGradient, context);
        return Collections.singletonList(W);
    }
}
