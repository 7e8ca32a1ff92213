package org.bnn4j.nn.layers;

import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.bnn4j.nn.params.TernaryScalesParamInitializer.NEGATIVE_SCALE_KEY;
import static org.bnn4j.nn.params.TernaryScalesParamInitializer.POSITIVE_SCALE_KEY;

/**
 * TTQ's kernel for the ternary dense and convolution layers alike: reads the trained scales Wp and Wn from
 * the parameter table, lets {@link TrainedTernary} (where the math lives) quantize and backpropagate, and
 * writes the scales' gradients into their views. Deterministic: the context is not needed.
 */
final class TrainedTernaryKernel implements KernelQuantization {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;
    private static final List<String> KEYS = Arrays.asList(W, POSITIVE_SCALE_KEY, NEGATIVE_SCALE_KEY);

    private final TrainedTernary ttq;

    TrainedTernaryKernel(TrainedTernary ttq) {
        this.ttq = ttq;
    }

    @Override
    public INDArray quantize(Map<String, INDArray> params, INDArray out, QuantizationContext context) {
        return ttq.quantize(params.get(W), scale(params, POSITIVE_SCALE_KEY), scale(params, NEGATIVE_SCALE_KEY), out);
    }

    @Override
    public List<String> backprop(Map<String, INDArray> params, Map<String, INDArray> gradientViews, QuantizationContext context) {
        INDArray kernelGradient = gradientViews.get(W);
        TrainedTernary.ScaleGradients scales = ttq.backprop(params.get(W), scale(params, POSITIVE_SCALE_KEY),
                scale(params, NEGATIVE_SCALE_KEY), kernelGradient, kernelGradient);
        gradientViews.get(POSITIVE_SCALE_KEY).assign(scales.positive());
        gradientViews.get(NEGATIVE_SCALE_KEY).assign(scales.negative());
        return KEYS;
    }

    private static double scale(Map<String, INDArray> params, String key) {
        return params.get(key).getDouble(0);
    }
}
