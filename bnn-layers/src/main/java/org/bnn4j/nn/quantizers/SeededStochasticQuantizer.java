package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Objects;

/**
 * What the stochastic quantizers share: a seed that, mixed with each call's noise seed, makes every sample
 * reproducible (the forward and backward pass of an iteration see the same one), the saturated STE
 * backward pass (gradient where {@code |x| <= clipValue}), and the inference rule. Subclasses define the sampling.
 *
 * <p>Both samplings have the expected value {@code clip(x, -1, 1)}. At inference a quantizer either applies its
 * deterministic rule (the default: a binary or ternary network that exports packed) or, with
 * {@code meanAtInference}, that expected value, as BinaryConnect tests its stochastic variant: the BatchNorm
 * statistics gathered while weights were sampled describe the mean weights, not their signs (with the deterministic
 * rule our BinaryConnect MLP scored 9.8% on MNIST, docs/RESULTS.md). Such a quantizer reports precision 32: the layer
 * keeps real weights at inference, exports with float32 weights, and gets no default weight clip (add
 * {@code WeightClipConstraint(-1, 1)} as the zoo does).
 */
abstract class SeededStochasticQuantizer implements Quantizer {
    static final long DEFAULT_SEED = 0x5EED_B17L;

    private long seed = DEFAULT_SEED;
    private double clipValue = SteSign.DEFAULT_CLIP_VALUE;
    private boolean meanAtInference;

    SeededStochasticQuantizer() {
    }

    SeededStochasticQuantizer(long seed, double clipValue, boolean meanAtInference) {
        QuantizerOps.requirePositive(getClass().getSimpleName(), "clipValue", clipValue);
        this.seed = seed;
        this.clipValue = clipValue;
        this.meanAtInference = meanAtInference;
    }

    /** Whether inference uses the samples' expected value clip(x, -1, 1) instead of the deterministic rule. */
    public boolean isMeanAtInference() {
        return meanAtInference;
    }

    /** The inference output when {@link #isMeanAtInference()}: clip(x, -1, 1). */
    protected static INDArray mean(INDArray x, INDArray out) {
        return out.assign(Transforms.min(Transforms.max(x, -1.0, true), 1.0, false));
    }

    public long getSeed() {
        return seed;
    }

    public double getClipValue() {
        return clipValue;
    }

    /** Uniform noise in [0, 1) for this call, shaped like x. */
    protected INDArray uniformNoise(INDArray x, QuantizationContext context) {
        return QuantizerOps.uniformNoise(x, seed, context);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        return QuantizerOps.passWhereInside(x, gradient, clipValue, out, context);
    }

    @Override
    public boolean equals(Object o) {
        if (o == null || o.getClass() != getClass()) return false;
        SeededStochasticQuantizer that = (SeededStochasticQuantizer) o;
        return seed == that.seed && Double.compare(clipValue, that.clipValue) == 0
                && meanAtInference == that.meanAtInference;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), seed, clipValue, meanAtInference);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(seed=" + seed + ", clipValue=" + clipValue
                + (meanAtInference ? ", meanAtInference" : "") + ")";
    }
}
