package org.bnn4j.export.rewrite;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.ChannelTransform;

import java.math.BigDecimal;

/**
 * Turns "sign of a channel's transform" into a comparison of its accumulator with a threshold, deciding every
 * boundary case exactly. With {@code L(acc) = gamma * (alpha * acc + bias - mean)} and {@code s = sqrt(variance +
 * epsilon)}, the output is +1 iff {@code y = L / s + beta >= 0} iff {@code L + beta * s >= 0} (s > 0). That is
 * evaluated without rounding: the float parameters are exact in {@link BigDecimal}, and the sign of
 * {@code L + beta * s} needs no square root (compare {@code L^2} with {@code beta^2 * (variance + epsilon)} when the
 * terms have opposite signs). {@code L} is linear in acc with slope {@code gamma * alpha}: a positive slope gives
 * {@code acc >= t}, a negative one {@code acc <= t} (flip), zero a constant.
 *
 * <pre>{@code
 * ThresholdSolver.IntThreshold t = ThresholdSolver.integer(transform, channel, 576);  // K = 64 channels * 3 * 3
 * }</pre>
 */
public final class ThresholdSolver {
    private ThresholdSolver() {
    }

    /** +1 iff {@code acc >= threshold} ({@code flip} false) or {@code acc <= threshold} (true). */
    public record IntThreshold(int threshold, boolean flip) {
    }

    /** As {@link IntThreshold} for a float32 accumulator. */
    public record FloatThreshold(float threshold, boolean flip) {
    }

    /**
     * @param reduction K, the largest |acc|; constant channels get {@code -(K+1)} (always +1) or {@code K+1} (never)
     */
    public static IntThreshold integer(ChannelTransform t, int o, long reduction) {
        requireFinite(t, o);
        int k = Math.toIntExact(reduction);
        int always = -(k + 1);
        int never = k + 1;
        int slope = slopeSign(t, o);
        if (slope == 0) {
            return new IntThreshold(plusOne(t, o, 0) ? always : never, false);
        }
        boolean atLow = plusOne(t, o, -k);
        boolean atHigh = plusOne(t, o, k);
        if (atLow == atHigh) {
            return new IntThreshold(atLow ? always : never, false);
        }
        // P is monotone on [-k, k] and changes once: find the boundary by bisection.
        int lo = -k;
        int hi = k; // invariant: P(lo) == atLow, P(hi) == atHigh
        while (hi - lo > 1) {
            int mid = (int) (((long) lo + hi) >> 1);
            if (plusOne(t, o, mid) == atLow) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return slope > 0 ? new IntThreshold(hi, false) : new IntThreshold(lo, true);
    }

    /**
     * The float32 threshold: the smallest float >= the root for a positive slope (largest <= for a negative one),
     * so comparing any float32 accumulator with it decides as comparing with the exact root would.
     */
    public static FloatThreshold real(ChannelTransform t, int o) {
        requireFinite(t, o);
        int slope = slopeSign(t, o);
        if (slope == 0) {
            return new FloatThreshold(plusOne(t, o, 0) ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY, false);
        }
        // root of gamma * (alpha * acc + bias - mean) + beta * s = 0
        double root = (t.mean()[o] - t.bias()[o]) / t.alpha()[o] - t.beta()[o] * t.sigma(o) / (t.gamma()[o] * t.alpha()[o]);
        float f = (float) root;
        if (slope > 0) {
            if (f < root) {
                f = Math.nextUp(f);
            }
            return new FloatThreshold(f, false);
        }
        if (f > root) {
            f = Math.nextDown(f);
        }
        return new FloatThreshold(f, true);
    }

    /** Whether channel {@code o} outputs +1 for accumulator {@code acc}, in exact arithmetic. */
    static boolean plusOne(ChannelTransform t, int o, long acc) {
        BigDecimal l = exact(t.gamma()[o]).multiply(
                exact(t.alpha()[o]).multiply(BigDecimal.valueOf(acc)).add(exact(t.bias()[o])).subtract(exact(t.mean()[o])));
        BigDecimal beta = exact(t.beta()[o]);
        BigDecimal varianceSum = exact(t.variance()[o]).add(exact(t.epsilon()));
        int ls = l.signum();
        int bs = beta.signum();
        if (ls >= 0 && bs >= 0) {
            return true;
        }
        if (ls <= 0 && bs <= 0) {
            return false; // both <= 0 and not both 0 (that case returned above)
        }
        int cmp = l.multiply(l).compareTo(beta.multiply(beta).multiply(varianceSum));
        return ls > 0 ? cmp >= 0 : cmp <= 0;
    }

    private static int slopeSign(ChannelTransform t, int o) {
        return (int) (Math.signum(t.gamma()[o]) * Math.signum(t.alpha()[o]));
    }

    private static BigDecimal exact(double v) {
        return new BigDecimal(v);
    }

    private static void requireFinite(ChannelTransform t, int o) {
        double[] values = {t.alpha()[o], t.bias()[o], t.gamma()[o], t.beta()[o], t.mean()[o], t.variance()[o], t.epsilon()};
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new BnnExportException("channel " + o + ": non-finite parameter " + v
                        + " (alpha, bias, gamma, beta, mean, variance, epsilon)");
            }
        }
        if (!(t.variance()[o] + t.epsilon() > 0)) {
            throw new BnnExportException("channel " + o + ": BatchNorm variance + epsilon must be > 0, got "
                    + t.variance()[o] + " + " + t.epsilon());
        }
    }
}
