package org.bnn4j.export.graph;

import java.util.Arrays;

/**
 * What happens to each output channel's accumulator after a dense or convolution node, kept as the exact
 * parameters it came from rather than as rounded products:
 * <pre>
 *   y[o] = gamma[o] * (alpha[o] * acc + bias[o] - mean[o]) / sqrt(variance[o] + epsilon) + beta[o]
 * </pre>
 * {@code alpha} is the kernel's scale (XNOR-Net's mean |W|, 1 for sign kernels), {@code bias} the layer's bias,
 * and gamma, beta, mean, variance, epsilon a BatchNorm folded in (identity values without one). Thresholds are
 * solved exactly from these numbers; the affine form is rounded once, to float32, when it is written.
 *
 * <pre>{@code
 * ChannelTransform t = ChannelTransform.linear(alphas, biases).withBatchNorm(bn);
 * double mul = t.affineMul(0), add = t.affineAdd(0);
 * }</pre>
 */
public record ChannelTransform(double[] alpha, double[] bias, double[] gamma, double[] beta, double[] mean,
                               double[] variance, double epsilon, boolean hasBatchNorm) {

    /** {@code y = alpha * acc + bias}; a null bias means 0. */
    public static ChannelTransform linear(double[] alpha, double[] bias) {
        int n = alpha.length;
        return new ChannelTransform(alpha.clone(), bias == null ? new double[n] : bias.clone(), filled(n, 1),
                new double[n], new double[n], filled(n, 1), 0, false);
    }

    public int channels() {
        return alpha.length;
    }

    /** The same transform with every alpha multiplied by {@code scale[o]}. */
    public ChannelTransform scaledBy(double[] scale) {
        double[] a = alpha.clone();
        for (int o = 0; o < a.length; o++) {
            a[o] *= scale[o];
        }
        return new ChannelTransform(a, bias, gamma, beta, mean, variance, epsilon, hasBatchNorm);
    }

    /** @throws IllegalStateException if a BatchNorm is already folded in (two in a row are not folded) */
    public ChannelTransform withBatchNorm(BatchNormNode bn) {
        if (hasBatchNorm) {
            throw new IllegalStateException("a second BatchNorm cannot be folded into the same transform");
        }
        return new ChannelTransform(alpha, bias, bn.gamma().clone(), bn.beta().clone(), bn.mean().clone(),
                bn.variance().clone(), bn.epsilon(), true);
    }

    public double sigma(int o) {
        return Math.sqrt(variance[o] + epsilon);
    }

    /** {@code mul} of {@code y = mul * acc + add}, in double. */
    public double affineMul(int o) {
        return gamma[o] * alpha[o] / sigma(o);
    }

    /** {@code add} of {@code y = mul * acc + add}, in double. */
    public double affineAdd(int o) {
        return gamma[o] * (bias[o] - mean[o]) / sigma(o) + beta[o];
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
