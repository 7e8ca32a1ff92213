package org.bnn4j.nn.quantizers;

import org.bnn4j.nn.Axes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.bool.MatchConditionTransform;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The element-wise building blocks the built-in quantizers use, public so that a quantizer written in another
 * package behaves exactly like them: sign with sign(0) = +1 (ND4J's own sign maps 0 to 0, which is not a bit),
 * the saturated straight-through estimator, per-channel scales along a kernel's channel axis, and seeded noise
 * that is equal in the forward and backward pass of an iteration. Every method may write into an {@code out}
 * that is one of its inputs.
 *
 * <p>A worked example: a binary kernel quantizer with one trained scale per output channel,
 * {@code q(w) = alpha_c * sign(w)} with {@code dL/dalpha_c = sum over channel c of g * sign(w)} and the saturated STE
 * {@code dL/dw = alpha_c * g where |w| <= 1}:
 *
 * <pre>{@code
 * public class LearnedScaleSign implements Quantizer {
 *     public List<QuantizerParameter> parameters() {
 *         return List.of(QuantizerParameter.perChannel("alpha", 0.5));
 *     }
 *     public INDArray quantize(INDArray w, Map<String, INDArray> p, INDArray out, QuantizationContext c) {
 *         QuantizerOps.signOf(w, out);
 *         return QuantizerOps.scaleByChannel(out, p.get("alpha"), c, out);
 *     }
 *     public INDArray backprop(INDArray w, Map<String, INDArray> p, INDArray g, INDArray out,
 *                              Map<String, INDArray> grads, QuantizationContext c) {
 *         INDArray signs = QuantizerOps.signOf(w, w.ulike());
 *         grads.get("alpha").assign(QuantizerOps.sumByChannel(QuantizerOps.multiply(g, signs, signs), c));
 *         QuantizerOps.passWhereInside(w, g, 1.0, out, c);
 *         return QuantizerOps.scaleByChannel(out, p.get("alpha"), c, out);
 *     }
 *     // plus quantize/backprop without parameters (alpha at its initial value), precision() = 1, equals, hashCode
 * }
 * }</pre>
 */
public final class QuantizerOps {
    private QuantizerOps() {
    }

    /** out = +1 where x >= 0, -1 elsewhere. ND4J's own sign maps 0 to 0, which is not a bit. */
    public static INDArray signOf(INDArray x, INDArray out) {
        Nd4j.exec(new Sign(x, out));
        BooleanIndexing.replaceWhere(out, 1.0, Conditions.equals(0.0));
        return out;
    }

    /** out = +1 where x > upper, -1 where x <= lower, 0 in between (lower < x <= upper). */
    public static INDArray ternaryOf(INDArray x, double lower, double upper, INDArray out) {
        INDArray plusOne = x.gt(upper).castTo(x.dataType()); // both masks before out (which may be x) changes
        INDArray minusOne = x.lte(lower).castTo(x.dataType());
        return out.assign(plusOne.subi(minusOne));
    }

    /**
     * Uniform noise in [0, 1), shaped like x, that depends only on a quantizer's seed and the call's noise
     * seed: the forward and backward pass of one iteration draw the same sample.
     */
    public static INDArray uniformNoise(INDArray x, long seed, QuantizationContext context) {
        INDArray uniform = Nd4j.createUninitialized(x.dataType(), x.shape(), x.ordering());
        try (Random rng = Nd4j.getRandomFactory().getNewRandomInstance(QuantizationContext.mixSeeds(seed, context.getNoiseSeed()))) {
            Nd4j.rand(uniform, rng);
        } catch (Exception e) {
            throw new IllegalStateException("could not release a quantizer's random generator", e);
        }
        return uniform;
    }

    /** A 0/1 array (x's data type) that is 1 where |x| <= limit; all ones for an infinite limit. */
    public static INDArray insideMask(INDArray x, double limit) {
        if (Double.isInfinite(limit)) {
            return Nd4j.ones(x.dataType(), x.shape());
        }
        INDArray mask = Nd4j.createUninitialized(DataType.BOOL, x.shape(), x.ordering());
        Nd4j.exec(new MatchConditionTransform(x, mask, Conditions.absLessThanOrEqual(limit)));
        return mask.castTo(x.dataType());
    }

    /**
     * out = gradient where |x| <= limit, 0 elsewhere: the saturated straight-through estimator. For a kernel (a
     * context with a channel axis) every |x| is usually within the limit, latent weights being clipped: then the
     * mask is all ones and gradient * 1 is the gradient bit for bit, so one read of x replaces building, casting
     * and applying the mask. Activations, often outside the limit, take the mask directly.
     */
    public static INDArray passWhereInside(INDArray x, INDArray gradient, double limit, INDArray out, QuantizationContext context) {
        if (Double.isInfinite(limit) || (context.hasChannelAxis() && x.amaxNumber().doubleValue() <= limit)) {
            return out == gradient ? out : out.assign(gradient);
        }
        return multiply(gradient, insideMask(x, limit), out);
    }

    /** out = a * b element-wise. */
    public static INDArray multiply(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new MulOp(a, b, out));
        return out;
    }

    /**
     * Mean of |x| per slice along {@code channelAxis} (a vector of x.size(channelAxis) values), or a
     * one-element array over the whole tensor when the context has no channel axis.
     */
    public static INDArray meanAbs(INDArray x, QuantizationContext context) {
        INDArray abs = Transforms.abs(x, true);
        if (!context.hasChannelAxis()) {
            return abs.mean();
        }
        return abs.mean(Axes.allBut(x.rank(), context.getChannelAxis()));
    }

    /**
     * Sum of x per slice along the context's channel axis (a vector of x.size(channelAxis) values), or a
     * one-element array over the whole tensor without a channel axis: the gradient of a per-channel (or single)
     * scale from the element-wise products that scale multiplied.
     */
    public static INDArray sumByChannel(INDArray x, QuantizationContext context) {
        if (!context.hasChannelAxis()) {
            return x.sum().reshape(1);
        }
        return x.sum(Axes.allBut(x.rank(), context.getChannelAxis()));
    }

    /** out = x * scale, with scale per slice along the context's channel axis (or one scalar). */
    public static INDArray scaleByChannel(INDArray x, INDArray scale, QuantizationContext context, INDArray out) {
        if (!context.hasChannelAxis()) {
            return x == out ? out.muli(scale.getDouble(0)) : out.assign(x).muli(scale.getDouble(0));
        }
        Nd4j.exec(new BroadcastMulOp(x, scale.castTo(x.dataType()), out, context.getChannelAxis()));
        return out;
    }

    /** Rejects thresholds that are not finite with lower < upper, naming the quantizer. */
    public static void requireOrdered(String quantizer, double lower, double upper) {
        if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException(quantizer + ": thresholds must be finite with lower < upper, got lower="
                    + lower + ", upper=" + upper);
        }
    }

    /** Rejects a value that is not > 0 (infinity is allowed), naming the quantizer and the field. */
    public static void requirePositive(String quantizer, String field, double value) {
        if (!(value > 0) || Double.isNaN(value)) {
            throw new IllegalArgumentException(quantizer + ": " + field + " must be > 0, got " + value);
        }
    }
}
