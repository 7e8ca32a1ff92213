package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Objects;

/**
 * BinaryConnect's stochastic binarization (Courbariaux et al. 2015): while training,
 * {@code q(x) = +1 with probability hard_sigmoid(x) = clip((x + 1) / 2, 0, 1)}, else -1; at inference the
 * deterministic sign. Backward: the saturated STE (gradient passes where {@code |x| <= clipValue}).
 *
 * <p>Samples are reproducible: they depend only on this quantizer's {@code seed} and the call's
 * {@link QuantizationContext#getNoiseSeed() noise seed}, which a layer keeps equal between the forward
 * and backward pass of an iteration, so backprop sees exactly the sampled weights of the forward pass.
 *
 * <pre>{@code
 * new BinaryDenseLayer.Builder().nOut(2048).kernelQuantizer(new StochasticSign(42)).build();
 * }</pre>
 */
public class StochasticSign implements Quantizer {
    public static final long DEFAULT_SEED = 0x5EED_B17L;

    private long seed = DEFAULT_SEED;
    private double clipValue = SteSign.DEFAULT_CLIP_VALUE;

    public StochasticSign() {
    }

    public StochasticSign(long seed) {
        this.seed = seed;
    }

    /** @param clipValue the gradient passes where |x| <= clipValue; > 0, may be infinite */
    public StochasticSign(long seed, double clipValue) {
        QuantizerOps.requirePositive("StochasticSign", "clipValue", clipValue);
        this.seed = seed;
        this.clipValue = clipValue;
    }

    public long getSeed() {
        return seed;
    }

    public double getClipValue() {
        return clipValue;
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        if (!context.isTraining()) {
            return QuantizerOps.signOf(x, out);
        }
        INDArray probabilityOfPlusOne = x.add(1).muli(0.5);
        probabilityOfPlusOne = Transforms.max(probabilityOfPlusOne, 0.0, false);
        probabilityOfPlusOne = Transforms.min(probabilityOfPlusOne, 1.0, false);
        INDArray uniform = Nd4j.createUninitialized(x.dataType(), x.shape(), x.ordering());
        try (Random rng = Nd4j.getRandomFactory().getNewRandomInstance(QuantizationContext.mixSeeds(seed, context.getNoiseSeed()))) {
            Nd4j.rand(uniform, rng);
        } catch (Exception e) {
            throw new IllegalStateException("StochasticSign: could not release its random generator", e);
        }
        // u < p gives +1 with probability p; p = 1 always gives +1 and p = 0 never does.
        INDArray plusOne = uniform.lt(probabilityOfPlusOne).castTo(x.dataType());
        return out.assign(plusOne.muli(2).subi(1));
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        return QuantizerOps.passWhereInside(x, gradient, clipValue, out);
    }

    @Override
    public int precision() {
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        if (o == null || o.getClass() != getClass()) return false;
        StochasticSign that = (StochasticSign) o;
        return seed == that.seed && Double.compare(clipValue, that.clipValue) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), seed, clipValue);
    }

    @Override
    public String toString() {
        return "StochasticSign(seed=" + seed + ", clipValue=" + clipValue + ")";
    }
}
