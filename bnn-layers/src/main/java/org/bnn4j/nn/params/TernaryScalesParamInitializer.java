package org.bnn4j.nn.params;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a Trained Ternary Quantization layer: those of the wrapped initializer (kernel "W", bias "b",
 * laid out as in DL4J's dense or convolution layers) followed by TTQ's two trained scales, "Wp" and "Wn"
 * (one value each). They are ordinary entries of the parameter table, so the layer's updater trains them
 * and ModelSerializer saves them; they are neither weights nor biases, so no L1/L2 applies to them.
 *
 * <p>Both start at 1, the initial value in the authors' released code: the paper first scales the latent
 * weights to [-1, 1] and ternarizes them to {-1, 0, +1}, which Wp = Wn = 1 leaves unchanged.
 *
 * <pre>{@code
 * ParamInitializer dense = new TernaryScalesParamInitializer(QuantizedDenseParamInitializer.getInstance());
 * ParamInitializer conv = new TernaryScalesParamInitializer(ConvolutionParamInitializer.getInstance());
 * }</pre>
 */
public class TernaryScalesParamInitializer implements ParamInitializer {
    /** The positive level Wp of the ternary kernel. */
    public static final String POSITIVE_SCALE_KEY = "Wp";
    /** The magnitude Wn of the negative level (which is -Wn). */
    public static final String NEGATIVE_SCALE_KEY = "Wn";
    public static final double INITIAL_SCALE = 1.0;

    private static final List<String> SCALE_KEYS = Arrays.asList(POSITIVE_SCALE_KEY, NEGATIVE_SCALE_KEY);

    private final ParamInitializer kernel;

    /** @param kernel the initializer of the kernel and bias the scales are added to */
    public TernaryScalesParamInitializer(ParamInitializer kernel) {
        this.kernel = kernel;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return kernel.numParams(layer) + SCALE_KEYS.size();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>(kernel.paramKeys(layer));
        keys.addAll(SCALE_KEYS);
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
        Map<String, INDArray> scales = scalePart(conf, paramsView);
        for (Map.Entry<String, INDArray> e : scales.entrySet()) {
            if (initializeParams) {
                e.getValue().assign(INITIAL_SCALE);
            }
            params.put(e.getKey(), e.getValue());
            conf.addVariable(e.getKey());
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> gradients = new LinkedHashMap<>(kernel.getGradientsFromFlattened(conf, kernelPart(conf, gradientView)));
        gradients.putAll(scalePart(conf, gradientView));
        return gradients;
    }

    /** The leading part of a layer's flat view, laid out as the wrapped initializer expects: a row vector. */
    private INDArray kernelPart(NeuralNetConfiguration conf, INDArray view) {
        return view.reshape(1, view.length()).get(NDArrayIndex.interval(0, 0, true),
                NDArrayIndex.interval(0, kernel.numParams(conf)));
    }

    /** One-element views of the trailing scales, in key order. */
    private Map<String, INDArray> scalePart(NeuralNetConfiguration conf, INDArray view) {
        INDArray flat = view.reshape(view.length());
        long offset = kernel.numParams(conf);
        Map<String, INDArray> scales = new LinkedHashMap<>();
        for (String key : SCALE_KEYS) {
            scales.put(key, flat.get(NDArrayIndex.interval(offset, offset + 1)));
            offset++;
        }
        return scales;
    }
}
