package org.bnn4j.nn.params;

import org.bnn4j.nn.conf.layers.QuantizedDepthwiseConvolutionLayer;
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
 * Parameters of a depthwise convolution: latent kernel "W" laid out like a grouped convolution's,
 * {@code [nIn * depthMultiplier, 1, kH, kW]} (output channel {@code c * depthMultiplier + m} reads input channel c),
 * so its output-channel axis is 0 as in every bnn4j convolution, followed by an optional bias "b" {@code [1, nOut]}.
 * Each output sees one input channel: the weight init's fan-in is {@code kH * kW}, its fan-out
 * {@code depthMultiplier * kH * kW}.
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

    private static long kernelLength(Layer layer) {
        QuantizedDepthwiseConvolutionLayer c = conf(layer);
        return c.getNOut() * c.getKernelSize()[0] * c.getKernelSize()[1];
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return kernelLength(layer) + (conf(layer).hasBias() ? conf(layer).getNOut() : 0);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return conf(layer).hasBias() ? List.of(ParamKeys.KERNEL, ParamKeys.BIAS) : List.of(ParamKeys.KERNEL);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(ParamKeys.KERNEL);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return conf(layer).hasBias() ? List.of(ParamKeys.BIAS) : Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return ParamKeys.KERNEL.equals(key);
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
                .reshape('c', c.getNOut(), 1, c.getKernelSize()[0], c.getKernelSize()[1]));
        if (c.hasBias()) {
            views.put(ParamKeys.BIAS, flat.get(NDArrayIndex.interval(kernel, kernel + c.getNOut())).reshape(1, c.getNOut()));
        }
        return views;
    }
}
