package org.bnn4j.nn.constraints;

import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Clips parameters into [min, max] after every update: BinaryNet keeps its latent float weights in
 * [-1, 1], where the saturated straight-through estimator still passes gradients, so they cannot drift
 * off and stop flipping. bnn4j's binarized layers apply {@code WeightClipConstraint(-1, 1)} to their
 * kernels by default.
 *
 * <pre>{@code
 * new BinaryDenseLayer.Builder().nOut(512)
 *         .constrainWeights(new WeightClipConstraint(-0.5, 0.5))
 *         .build();
 * }</pre>
 */
public class WeightClipConstraint extends BaseConstraint {

    private double min = -1.0;
    private double max = 1.0;

    /** Clip to [-1, 1]. */
    public WeightClipConstraint() {
    }

    /** Clip to [min, max]; min must be < max. */
    public WeightClipConstraint(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("WeightClipConstraint: min must be < max, got min=" + min + ", max=" + max);
        }
        this.min = min;
        this.max = max;
    }

    public double getMin() {
        return min;
    }

    public double getMax() {
        return max;
    }

    @Override
    public void apply(INDArray param) {
        // Nothing to clip is the common case for a symmetric range: one read instead of two in-place passes.
        if (min == -max && param.amaxNumber().doubleValue() <= max) {
            return;
        }
        Transforms.max(param, min, false);
        Transforms.min(param, max, false);
    }

    @Override
    public WeightClipConstraint clone() {
        WeightClipConstraint copy = new WeightClipConstraint(min, max);
        Set<String> params = getParams();
        copy.setParams(params == null ? null : new HashSet<>(params));
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WeightClipConstraint) || !super.equals(o)) return false;
        WeightClipConstraint that = (WeightClipConstraint) o;
        return Double.compare(min, that.min) == 0 && Double.compare(max, that.max) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), min, max);
    }

    @Override
    public String toString() {
        return "WeightClipConstraint(" + min + ", " + max + ", params=" + getParams() + ")";
    }
}
