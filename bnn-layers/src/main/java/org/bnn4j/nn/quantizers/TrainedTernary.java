package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trained Ternary Quantization (Zhu, Han, Mao, Dally, ICLR 2017): a kernel quantizer that owns two trained
 * parameters, the scales "Wp" and "Wn" (one value each, initialised to 1, the initial value in the authors'
 * released code: the paper first scales the latent weights to [-1, 1] and ternarizes them to {-1, 0, +1}, which
 * Wp = Wn = 1 leaves unchanged). Any quantized layer that uses it as its kernel quantizer adds them to its
 * parameter table, trains them with its updater (no L1/L2) and saves them with the model; it is the default of the
 * {@link org.bnn4j.nn.conf.layers.TernaryDenseLayer} and {@link org.bnn4j.nn.conf.layers.TernaryConvolutionLayer}
 * presets, and the one place where TTQ's kernel math lives.
 *
 * <pre>{@code
 * threshold: delta = t * max|w|                        (t = thresholdFactor, one delta per kernel)
 * forward:   w_t = Wp where w > delta,  0 where |w| <= delta,  -Wn where w < -delta
 * backward:  given g = dL/dw_t,
 *            dL/dWp = sum of g over w > delta
 *            dL/dWn = - sum of g over w < -delta
 *            dL/dw  = Wp * g where w > delta,  g where |w| <= delta,  Wn * g where w < -delta
 * }</pre>
 *
 * <p><b>Sign convention for Wn.</b> As in the paper, Wn is the <em>magnitude</em> of the negative level,
 * which is {@code -Wn}. The paper's gradient formula writes dL/dWn as the plain sum of g over the negative
 * region: that sum is the derivative with respect to the level {@code -Wn}. Since the parameter is the
 * magnitude, its gradient is minus that sum, which is what an ordinary updater needs to move the negative
 * level downhill. dL/dWp needs no such care: the positive level is Wp itself.
 *
 * <p>Used on its own as a kernel quantizer (the {@link Quantizer} methods), it is TTQ with both scales
 * fixed at 1, their initial value: levels {-1, 0, +1} and the gradient passing unchanged.
 *
 * <pre>{@code
 * new TernaryDenseLayer.Builder().nOut(256).thresholdFactor(0.05).build(); // uses new TrainedTernary(0.05)
 * new QuantizedConvolutionLayer.Builder(3, 3).nOut(64).kernelQuantizer(new TrainedTernary(0.05)).build();
 * }</pre>
 */
public class TrainedTernary implements Quantizer {
    public static final double DEFAULT_THRESHOLD_FACTOR = 0.05;
    /** The positive level Wp of the ternary kernel. */
    public static final String POSITIVE_SCALE_KEY = "Wp";
    /** The magnitude Wn of the negative level (which is -Wn). */
    public static final String NEGATIVE_SCALE_KEY = "Wn";
    public static final double INITIAL_SCALE = 1.0;

    private static final List<QuantizerParameter> SCALES = List.of(
            QuantizerParameter.scalar(POSITIVE_SCALE_KEY, INITIAL_SCALE),
            QuantizerParameter.scalar(NEGATIVE_SCALE_KEY, INITIAL_SCALE));

    private double thresholdFactor = DEFAULT_THRESHOLD_FACTOR;

    /** The gradients of the two scales. */
    public record ScaleGradients(double positive, double negative) {
    }

    /** Threshold factor 0.05, as in the paper's CIFAR-10 and ImageNet experiments. */
    public TrainedTernary() {
    }

    /** @param thresholdFactor t in delta = t * max|w|; must lie in (0, 1) */
    public TrainedTernary(double thresholdFactor) {
        if (!(thresholdFactor > 0 && thresholdFactor < 1)) {
            throw new IllegalArgumentException("TrainedTernary: thresholdFactor must lie in (0, 1), got " + thresholdFactor);
        }
        this.thresholdFactor = thresholdFactor;
    }

    public double getThresholdFactor() {
        return thresholdFactor;
    }

    /** delta = thresholdFactor * max|w| over the whole kernel. */
    public double threshold(INDArray w) {
        return thresholdFactor * w.amaxNumber().doubleValue();
    }

    /** Writes w_t (see the class Javadoc) into {@code out}, which may be w itself, and returns it. */
    public INDArray quantize(INDArray w, double positiveScale, double negativeScale, INDArray out) {
        INDArray[] regions = regions(w);
        return out.assign(regions[0].muli(positiveScale).subi(regions[1].muli(negativeScale)));
    }

    /**
     * Given dL/dw_t in {@code gradient}, writes dL/dw into {@code out} (may be gradient or w) and returns
     * dL/dWp and dL/dWn.
     */
    public ScaleGradients backprop(INDArray w, double positiveScale, double negativeScale, INDArray gradient, INDArray out) {
        INDArray[] regions = regions(w);
        INDArray positive = regions[0];
        INDArray negative = regions[1];
        ScaleGradients scales = new ScaleGradients(gradient.mul(positive).sumNumber().doubleValue(),
                -gradient.mul(negative).sumNumber().doubleValue());
        // Wp on the positive region, Wn on the negative one, 1 on the zero region.
        INDArray factor = positive.muli(positiveScale - 1).addi(negative.muli(negativeScale - 1)).addi(1);
        QuantizerOps.multiply(gradient, factor, out);
        return scales;
    }

    /** 0/1 masks (w's data type) of the positive region (w > delta) and the negative region (w < -delta). */
    private INDArray[] regions(INDArray w) {
        double delta = threshold(w);
        return new INDArray[]{w.gt(delta).castTo(w.dataType()), w.lt(-delta).castTo(w.dataType())};
    }

    /** The trained scales Wp and Wn. */
    @Override
    public List<QuantizerParameter> parameters() {
        return SCALES;
    }

    @Override
    public INDArray quantize(INDArray w, Map<String, INDArray> params, INDArray out, QuantizationContext context) {
        return quantize(w, scale(params, POSITIVE_SCALE_KEY), scale(params, NEGATIVE_SCALE_KEY), out);
    }

    @Override
    public INDArray backprop(INDArray w, Map<String, INDArray> params, INDArray gradient, INDArray out,
                             Map<String, INDArray> parameterGradients, QuantizationContext context) {
        ScaleGradients scales = backprop(w, scale(params, POSITIVE_SCALE_KEY), scale(params, NEGATIVE_SCALE_KEY),
                gradient, out);
        parameterGradients.get(POSITIVE_SCALE_KEY).assign(scales.positive());
        parameterGradients.get(NEGATIVE_SCALE_KEY).assign(scales.negative());
        return out;
    }

    private static double scale(Map<String, INDArray> params, String key) {
        INDArray value = params.get(key);
        if (value == null) {
            throw new IllegalArgumentException("TrainedTernary: the layer has no parameter \"" + key + "\"; "
                    + "it must come from a layer that adds the quantizer's parameters (bnn4j's quantized layers do)");
        }
        return value.getDouble(0);
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        return quantize(x, INITIAL_SCALE, INITIAL_SCALE, out);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        backprop(x, INITIAL_SCALE, INITIAL_SCALE, gradient, out);
        return out;
    }

    @Override
    public int precision() {
        return 2;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
                && Double.compare(((TrainedTernary) o).thresholdFactor, thresholdFactor) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), thresholdFactor);
    }

    @Override
    public String toString() {
        return "TrainedTernary(thresholdFactor=" + thresholdFactor + ")";
    }
}
