package org.bnn4j.nn.params;

import org.bnn4j.nn.conf.layers.QuantizedLayer;
import org.bnn4j.nn.conf.layers.QuantizerParameterSlot;
import org.bnn4j.nn.quantizers.QuantizerParameter;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a quantized layer: those of the wrapped initializer (kernel "W" and bias "b", laid out exactly as
 * in DL4J's dense or convolution layers) followed by the kernel quantizer's own trained parameters
 * ({@link QuantizedLayer#quantizerParameterSlots()}: e.g. TTQ's "Wp" and "Wn"), each a vector of one value or
 * one per output channel, in the order the quantizers declare them. They are ordinary entries of the parameter
 * table, so the layer's updater trains them and ModelSerializer saves them; they are neither weights nor biases, so
 * no weight constraint applies to them, and L1/L2 only where the parameter says so.
 *
 * <pre>{@code
 * ParamInitializer dense = QuantizedParamInitializer.DENSE;        // W [nIn, nOut], b [1, nOut], quantizer's
 * ParamInitializer conv = QuantizedParamInitializer.CONVOLUTION;   // W [nOut, nIn, kH, kW], b [1, nOut], quantizer's
 * }</pre>
 */
public final class QuantizedParamInitializer implements ParamInitializer {
    public static final QuantizedParamInitializer DENSE =
            new QuantizedParamInitializer(QuantizedDenseParamInitializer.getInstance());
    public static final QuantizedParamInitializer CONVOLUTION =
            new QuantizedParamInitializer(ConvolutionParamInitializer.getInstance());
    public static final QuantizedParamInitializer DEPTHWISE =
            new QuantizedParamInitializer(DepthwiseKernelParamInitializer.getInstance());

    private final ParamInitializer kernel;

    /** @param kernel the initializer of the kernel and bias the quantizer's parameters are added to */
    public QuantizedParamInitializer(ParamInitializer kernel) {
        this.kernel = kernel;
    }

    /** The quantizers' parameters of a layer (none for a layer that is not a {@link QuantizedLayer}). */
    public static List<QuantizerParameterSlot> quantizerParameters(Layer layer) {
        return layer instanceof QuantizedLayer q ? q.quantizerParameterSlots() : Collections.emptyList();
    }

    /** The quantizer parameter stored under this key of the layer's table, or null. */
    public static QuantizerParameter quantizerParameter(Layer layer, String key) {
        for (QuantizerParameterSlot s : quantizerParameters(layer)) {
            if (s.key().equals(key)) {
                return s.parameter();
            }
        }
        return null;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        long n = kernel.numParams(layer);
        for (QuantizerParameterSlot s : quantizerParameters(layer)) {
            n += s.length();
        }
        return n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(kernel.paramKeys(layer));
        for (QuantizerParameterSlot s : quantizerParameters(layer)) {
            if (keys.contains(s.key())) {
                throw new IllegalArgumentException("a quantizer of " + layer.getClass().getSimpleName() + " (name="
                        + layer.getLayerName() + ") declares parameter \"" + s.key()
                        + "\" twice or under a key the layer already uses " + keys);
            }
            keys.add(s.key());
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return kernel.weightKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return kernel.biasKeys(layer);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return kernel.isWeightParam(layer, key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return kernel.isBiasParam(layer, key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>(
                kernel.init(conf, kernelPart(conf, paramsView), initializeParams)));
        Layer layer = conf.getLayer();
        for (Map.Entry<String, INDArray> e : quantizerPart(conf, paramsView).entrySet()) {
            if (initializeParams) {
                e.getValue().assign(quantizerParameter(layer, e.getKey()).initialValue());
            }
            params.put(e.getKey(), e.getValue());
            conf.addVariable(e.getKey());
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> gradients = new LinkedHashMap<>(kernel.getGradientsFromFlattened(conf, kernelPart(conf, gradientView)));
        gradients.putAll(quantizerPart(conf, gradientView));
        return gradients;
    }

    /** The leading part of a layer's flat view, laid out as the wrapped initializer expects: a row vector. */
    private INDArray kernelPart(NeuralNetConfiguration conf, INDArray view) {
        long n = kernel.numParams(conf);
        return n == view.length() ? view : view.reshape(1, view.length()).get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(0, n));
    }

    /** Vector views of the trailing quantizer parameters, in declaration order. */
    private Map<String, INDArray> quantizerPart(NeuralNetConfiguration conf, INDArray view) {
        Map<String, INDArray> part = new LinkedHashMap<>();
        List<QuantizerParameterSlot> declared = quantizerParameters(conf.getLayer());
        if (declared.isEmpty()) {
            return part;
        }
        INDArray flat = view.reshape(view.length());
        long offset = kernel.numParams(conf);
        for (QuantizerParameterSlot s : declared) {
            part.put(s.key(), flat.get(NDArrayIndex.interval(offset, offset + s.length())));
            offset += s.length();
        }
        return part;
    }
}
