package com.example.quantizers;

import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.QuantizerOps;
import org.bnn4j.nn.quantizers.QuantizerParameter;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user's quantizer, written outside bnn4j's packages with bnn4j's public API only: a binary kernel with one
 * trained scale per output channel (as in XNOR-Net++), {@code q(w) = alpha_c * sign(w)}, with
 * {@code dL/dalpha_c = sum over channel c of dL/dq * sign(w)} and the saturated STE {@code dL/dw = alpha_c * dL/dq
 * where |w| <= 1}. The README's "Writing your own quantizer" shows this class.
 */
public class LearnedScaleSign implements Quantizer {
    public static final String SCALE_KEY = "alpha";

    private double initialScale = 0.5;

    public LearnedScaleSign() {
    }

    public LearnedScaleSign(double initialScale) {
        QuantizerOps.requirePositive("LearnedScaleSign", "initialScale", initialScale);
        this.initialScale = initialScale;
    }

    public double getInitialScale() {
        return initialScale;
    }

    @Override
    public List<QuantizerParameter> parameters() {
        return List.of(QuantizerParameter.perChannel(SCALE_KEY, initialScale));
    }

    @Override
    public INDArray quantize(INDArray w, Map<String, INDArray> params, INDArray out, QuantizationContext context) {
        INDArray alpha = params.get(SCALE_KEY);
        QuantizerOps.signOf(w, out);
        return QuantizerOps.scaleByChannel(out, alpha, context, out);
    }

    @Override
    public INDArray backprop(INDArray w, Map<String, INDArray> params, INDArray gradient, INDArray out,
                             Map<String, INDArray> parameterGradients, QuantizationContext context) {
        INDArray alpha = params.get(SCALE_KEY);
        INDArray signs = QuantizerOps.signOf(w, w.ulike());
        // dL/dalpha before out (which may be the gradient itself) is overwritten
        parameterGradients.get(SCALE_KEY).assign(
                QuantizerOps.sumByChannel(QuantizerOps.multiply(gradient, signs, signs), context));
        QuantizerOps.passWhereInside(w, gradient, 1.0, out, context);
        return QuantizerOps.scaleByChannel(out, alpha, context, out);
    }

    /** Without the layer's parameters: alpha at its initial value (e.g. on activations). */
    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        QuantizerOps.signOf(x, out);
        return out.muli(initialScale);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        QuantizerOps.passWhereInside(x, gradient, 1.0, out, context);
        return out.muli(initialScale);
    }

    @Override
    public int precision() {
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnedScaleSign l && Double.compare(l.initialScale, initialScale) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(LearnedScaleSign.class, initialScale);
    }

    @Override
    public String toString() {
        return "LearnedScaleSign(initialScale=" + initialScale + ")";
    }
}
