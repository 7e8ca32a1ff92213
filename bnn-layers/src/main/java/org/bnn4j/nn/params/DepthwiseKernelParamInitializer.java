package org.bnn4j.nn.params;

import org.bnn4j.nn.conf.layers.QuantizedDepthwiseConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a depthwise (or depthwise-separable) convolution: latent kernel "W" laid out like a grouped
 * convolution's, {@code [nIn * depthMultiplier, 1, kH, kW]} (output channel {@code c * depthMultiplier + m} reads
 * input channel c), so its output-channel axis is 0 as in every bnn4j convolution; for a separable convolution the
 * pointwise kernel "pW" {@code [nOut, nIn * depthMultiplier, 1, 1]}; then an optional bias "b" {@code [1, nOut]}.
 * Each depthwise output sees one input channel: its weight init's fan-in is {@code kH * kW}, its fan-out
 * {@code depthMultiplier * kH * kW}; the pointwise kernel's are {@code nIn * depthMultiplier} and {@code nOut}.
 *
 * <pre>{@code
 * ParamInitializer p = new QuantizedParamInitializer(DepthwiseKernelParamInitializer.getInstance());
 * }</pre>
 */
public final class DepthwiseKernelParamInitializer implements ParamInitializer {
    private static final DepthwiseKernelParamInitializer INSTANCE = new DepthwiseKernelParamInitializer();

    public static DepthwiseKernelParamInitializer getInstance() {
        return INSTANCE;
    }

    private DepthwiseKernelParamInitializer() {
    }

    private static QuantizedDepthwiseConvolutionLayer conf(Layer layer) {
        return (QuantizedDepthwiseConvolutionLayer) layer;
    }

    private static final String POINTWISE = QuantizedSeparableConvolutionLayer.POINTWISE_KERNEL_KEY;

    private static long kernelLength(Layer layer) {
        QuantizedDepthwiseConvolutionLayer c = conf(layer);
        return c.kernelChannels() * c.getKernelSize()[0] * c.getKernelSize()[1];
    }

    /** The pointwise kernel's values: nOut * nIn * depthMultiplier for a separable convolution, else none. */
    private static long pointwiseLength(Layer layer) {
        return layer instanceof QuantizedSeparableConvolutionLayer s ? s.getNOut() * s.kernelChannels() : 0;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return kernelLength(layer) + pointwiseLength(layer) + (conf(layer).hasBias() ? conf(layer).getNOut() : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new java.util.ArrayList<>(weightKeys(layer));
        keys.addAll(biasKeys(layer));
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return pointwiseLength(layer) > 0 ? List.of(ParamKeys.KERNEL, POINTWISE) : List.of(ParamKeys.KERNEL);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return conf(layer).hasBias() ? List.of(ParamKeys.BIAS) : Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return ParamKeys.BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        QuantizedDepthwiseConvolutionLayer c = conf(conf.getLayer());
        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>(views(conf, paramsView)));
        if (initializeParams) {
            long taps = (long) c.getKernelSize()[0] * c.getKernelSize()[1];
            INDArray w = params.get(ParamKeys.KERNEL);
            c.getWeightInitFn().init(taps, c.getDepthMultiplier() * taps, w.shape(), 'c', w);
            INDArray pointwise = params.get(POINTWISE);
            if (pointwise != null) {
                c.getWeightInitFn().init(c.kernelChannels(), c.getNOut(), pointwise.shape(), 'c', pointwise);
            }
            if (c.hasBias()) {
                params.get(ParamKeys.BIAS).assign(c.getBiasInit());
            }
        }
        params.keySet().forEach(conf::addVariable);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf, gradientView);
    }

    private static Map<String, INDArray> views(NeuralNetConfiguration conf, INDArray view) {
        QuantizedDepthwiseConvolutionLayer c = conf(conf.getLayer());
        INDArray flat = view.reshape(view.length());
        long kernel = kernelLength(c);
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(ParamKeys.KERNEL, flat.get(NDArrayIndex.interval(0, kernel))
                .reshape('c', c.kernelChannels(), 1, c.getKernelSize()[0], c.getKernelSize()[1]));
        long offset = kernel;
        long pointwise = pointwiseLength(c);
        if (pointwise > 0) {
            views.put(POINTWISE, flat.get(NDArrayIndex.interval(offset, offset + pointwise))
                    .reshape('c', c.getNOut(), c.kernelChannels(), 1, 1));
            offset += pointwise;
        }
        if (c.hasBias()) {
            views.put(ParamKeys.BIAS, flat.get(NDArrayIndex.interval(offset, offset + c.getNOut())).reshape(1, c.getNOut()));
        }
        return views;
    }
}
