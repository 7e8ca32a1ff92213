package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.params.ParamKeys;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.QuantizerParameter;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The kernel a layer computes with at inference ({@link QuantizedLayer#inferenceKernel}), shaped like its latent
 * weights "W": what the exporter packs. Deterministic: a stochastic quantizer gives its inference value.
 *
 * <pre>{@code
 * InferenceKernel k = layer.inferenceKernel(params);
 * k.precision();            // 1 (binary), 2 (ternary) or 32
 * k.values();               // e.g. +-alpha_c for MagnitudeAwareSign, {+Wp, 0, -Wn} for TrainedTernary
 * }</pre>
 *
 * @param values              the kernel values, shaped like "W"
 * @param precision           bits per value, from the quantizer
 * @param description         the quantizer and the values of its trained parameters, for summaries and errors
 * @param parameterCount      how many values the quantizer's trained parameters hold
 */
public record InferenceKernel(INDArray values, int precision, String description, long parameterCount) {

    /** The inference kernel of {@code quantizer} on the layer parameters {@code params}: "W" and its parameters. */
    public static InferenceKernel of(Quantizer quantizer, Map<String, INDArray> params, int channelAxis) {
        return of(quantizer, ParamKeys.KERNEL, "", params, channelAxis);
    }

    /**
     * The inference kernel of {@code quantizer} on the weights {@code params.get(kernelKey)}, its parameters stored
     * under their keys with {@code prefix} before them (see {@link QuantizerParameterSlot}).
     */
    public static InferenceKernel of(Quantizer quantizer, String kernelKey, String prefix, Map<String, INDArray> params,
                                     int channelAxis) {
        INDArray w = params.get(kernelKey);
        Map<String, INDArray> own = new HashMap<>();
        for (QuantizerParameter p : quantizer.parameters()) {
            own.put(p.key(), params.get(prefix + p.key()));
        }
        INDArray values = quantizer.quantize(w, own, w.ulike(), QuantizationContext.kernel(false, 0L, channelAxis));
        StringBuilder description = new StringBuilder(quantizer.toString());
        long count = 0;
        String separator = " with ";
        for (QuantizerParameter p : quantizer.parameters()) {
            INDArray value = own.get(p.key());
            count += value.length();
            description.append(separator).append(p.key()).append('=')
                    .append(value.length() == 1 ? String.valueOf(value.getDouble(0)) : Arrays.toString(value.toDoubleVector()));
            separator = ", ";
        }
        return new InferenceKernel(values, quantizer.precision(), description.toString(), count);
    }

    /** The latent weights of a full-precision layer as they are. */
    public static InferenceKernel fullPrecision(Map<String, INDArray> params) {
        return new InferenceKernel(params.get(ParamKeys.KERNEL), 32, "none (full precision)", 0);
    }
}
