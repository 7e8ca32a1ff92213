package org.bnn4j.export.importer;

import org.bnn4j.nn.conf.layers.QuantizedLayer;
import org.bnn4j.nn.params.TernaryScalesParamInitializer;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The kernel a layer computes with at inference, as the layer itself would produce it: the kernel quantizer
 * applied to the latent weights, or for Trained Ternary Quantization the ternary kernel {+Wp, 0, -Wn} built
 * from the latent weights and the layer's trained scales.
 */
record QuantizedKernel(INDArray values, int precision, String description, long scaleParameters) {

    static QuantizedKernel of(QuantizedLayer layer, Map<String, INDArray> params, int channelAxis) {
        INDArray w = params.get("W");
        Quantizer quantizer = layer.getKernelQuantizer();
        if (quantizer instanceof TrainedTernary ttq) {
            INDArray wp = params.get(TernaryScalesParamInitializer.POSITIVE_SCALE_KEY);
            INDArray wn = params.get(TernaryScalesParamInitializer.NEGATIVE_SCALE_KEY);
            INDArray q = ttq.quantize(w, wp.getDouble(0), wn.getDouble(0), w.ulike());
            return new QuantizedKernel(q, ttq.precision(), ttq + " with Wp=" + wp.getDouble(0) + ", Wn=" + wn.getDouble(0),
                    wp.length() + wn.length());
        }
        INDArray q = quantizer.quantize(w.dup(), QuantizationContext.kernel(false, 0L, channelAxis));
        return new QuantizedKernel(q, quantizer.precision(), quantizer.toString(), 0);
    }

    static QuantizedKernel fullPrecision(Map<String, INDArray> params) {
        return new QuantizedKernel(params.get("W"), 32, "none (full precision)", 0);
    }
}
