package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Objects;

/**
 * Power-of-two quantization of Lin, Courbariaux, Memisevic and Bengio ("Neural Networks with Few Multiplications",
 * ICLR 2016): {@code q(x) = sign(x) * 2^e} with the exponent {@code e} clipped to
 * {@code [minExponent, maxExponent]}, and {@code q(0) = 0}. Its use in bnn4j is quantized back-propagation: as a
 * layer's {@code backpropInputQuantizer} it replaces the layer input that multiplies the error signal in
 * {@code dW = x^T delta}, so that product needs only shifts; the forward pass is unchanged.
 *
 * <p><b>Deterministic rounding</b> rounds in log2 space: {@code e = floor(log2|x|)}, plus one when
 * {@code |x| >= 2^(floor + 1/2)} (the midpoint computed in double precision). Exact halves therefore round up,
 * towards the larger magnitude. <b>Stochastic rounding</b> (while training) picks the upper power
 * {@code 2^(floor + 1)} with probability {@code (|x| - 2^floor) / 2^floor}, the position of |x| between the two
 * powers, so that the expectation is x where no bound applies; samples are seeded like bnn4j's stochastic
 * quantizers (this quantizer's seed mixed with the call's noise seed). At inference rounding is deterministic.
 * The exponent bounds apply after rounding: a magnitude below {@code 2^minExponent} becomes
 * {@code 2^minExponent}, one above {@code 2^maxExponent} becomes {@code 2^maxExponent}.
 * Its backward pass is the identity (a straight-through estimator).
 *
 * <pre>{@code
 * new QuantizedDenseLayer.Builder().nOut(1024).kernelQuantizer(new SteSign())
 *         .backpropInputQuantizer(new PowerOfTwo(-8, 0))          // dW from sign(x) * 2^round(log2|x|)
 *         .build();
 * new PowerOfTwo(-8, 0, true, 42);                                // stochastic rounding, seed 42
 * }</pre>
 */
public class PowerOfTwo implements Quantizer {
    private static final double SQRT_2 = Math.sqrt(2.0);

    private int minExponent = -8;
    private int maxExponent = 0;
    private boolean stochastic;
    private long seed = SeededStochasticQuantizer.DEFAULT_SEED;

    /** Exponents in [-8, 0], deterministic rounding. */
    public PowerOfTwo() {
    }

    /** Deterministic rounding, exponents in [minExponent, maxExponent]. */
    public PowerOfTwo(int minExponent, int maxExponent) {
        this(minExponent, maxExponent, false, SeededStochasticQuantizer.DEFAULT_SEED);
    }

    /** @param stochastic round up with probability given by the position between the two powers (training only) */
    public PowerOfTwo(int minExponent, int maxExponent, boolean stochastic, long seed) {
        // Double's normal exponents: 2^e is exact and the midpoint test stays exact
        if (minExponent > maxExponent || minExponent < Double.MIN_EXPONENT || maxExponent >= Double.MAX_EXPONENT) {
            throw new IllegalArgumentException("PowerOfTwo: need " + Double.MIN_EXPONENT + " <= minExponent <= "
                    + "maxExponent < " + Double.MAX_EXPONENT + ", got " + minExponent + " and " + maxExponent);
        }
        this.minExponent = minExponent;
        this.maxExponent = maxExponent;
        this.stochastic = stochastic;
        this.seed = seed;
    }

    public int getMinExponent() {
        return minExponent;
    }

    public int getMaxExponent() {
        return maxExponent;
    }

    public boolean isStochastic() {
        return stochastic;
    }

    public long getSeed() {
        return seed;
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        double[] values = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] uniform = stochastic && context.isTraining()
                ? QuantizerOps.uniformNoise(x.castTo(DataType.DOUBLE), seed, context).dup('c').data().asDouble()
                : null;
        for (int i = 0; i < values.length; i++) {
            values[i] = uniform == null ? round(values[i]) : roundStochastically(values[i], uniform[i]);
        }
        return out.assign(Nd4j.create(values, x.shape(), 'c').castTo(out.dataType()));
    }

    /** sign(v) * 2^e with e rounded in log2 space, halves up, then bounded; 0 stays 0. */
    private double round(double v) {
        if (v == 0 || Double.isNaN(v)) {
            return v;
        }
        double magnitude = Math.abs(v);
        int e = floorLog2(magnitude);
        if (magnitude >= Math.scalb(SQRT_2, e)) {
            e++;
        }
        return bounded(v, e);
    }

    /** The upper power with probability (|v| - 2^floor) / 2^floor, given a uniform sample u in [0, 1). */
    private double roundStochastically(double v, double u) {
        if (v == 0 || Double.isNaN(v)) {
            return v;
        }
        double magnitude = Math.abs(v);
        int e = floorLog2(magnitude);
        double lower = Math.scalb(1.0, e);
        if (u < (magnitude - lower) / lower) {
            e++;
        }
        return bounded(v, e);
    }

    /** floor(log2 m) of a positive magnitude, exact (subnormals and infinity fall outside any bound anyway). */
    private static int floorLog2(double magnitude) {
        return Math.max(Math.getExponent(magnitude), Double.MIN_EXPONENT);
    }

    private double bounded(double v, int e) {
        return Math.copySign(Math.scalb(1.0, Math.max(minExponent, Math.min(maxExponent, e))), v);
    }

    /** Straight through: quantized back-propagation changes dW only, not the gradient passed down. */
    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        return out.assign(gradient);
    }

    /** A sign bit and the exponent's index (zero has no code of its own in this count). */
    @Override
    public int precision() {
        return 1 + (32 - Integer.numberOfLeadingZeros(maxExponent - minExponent));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerOfTwo p && p.minExponent == minExponent && p.maxExponent == maxExponent
                && p.stochastic == stochastic && p.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(PowerOfTwo.class, minExponent, maxExponent, stochastic, seed);
    }

    @Override
    public String toString() {
        return "PowerOfTwo(minExponent=" + minExponent + ", maxExponent=" + maxExponent + ", stochastic=" + stochastic
                + ", seed=" + seed + ")";
    }
}
