package org.bnn4j.export.graph;

/**
 * A DL4J BatchNormalization at inference: {@code y = gamma * (x - mean) / sqrt(variance + epsilon) + beta} per
 * channel (per feature of a vector).
 *
 * <pre>{@code
 * new BatchNormNode(gamma, beta, runningMean, runningVariance, 1e-5);
 * }</pre>
 */
public record BatchNormNode(double[] gamma, double[] beta, double[] mean, double[] variance, double epsilon)
        implements NodeOp {

    public int channels() {
        return gamma.length;
    }

    @Override
    public String describe() {
        return "BATCHNORM";
    }
}
