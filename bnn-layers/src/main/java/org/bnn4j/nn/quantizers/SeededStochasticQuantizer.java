package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * What the stochastic quantizers share: a seed that, mixed with each call's noise seed, makes every sample
 * reproducible (the forward and backward pass of an iteration see the same one), and the saturated STE
 * backward pass (gradient where {@code |x| <= clipValue}). Subclasses define the sampling.
 */
abstract class SeededStochasticQuantizer implements Quantizer {
    static final long DEFAULT_SEED = 0x5EED_B17L;

    private long seed = DEFAULT_SEED;
    private double clipValue = SteSign.DEFAULT_CLIP_VALUE;

    SeededStochasticQuantizer() {
    }

    SeededStochasticQuantizer(long seed, double clipValue) {
        QuantizerOps.requirePositive(getClass().getSimpleName(), "clipValue", clipValue);
        this.seed = seed;
        this.clipValue = clipValue;
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
        return seed == that.seed && Double.compare(clipValue, that.clipValue) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), seed, clipValue);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(seed=" + seed + ", clipValue=" + clipValue + ")";
    }
}
