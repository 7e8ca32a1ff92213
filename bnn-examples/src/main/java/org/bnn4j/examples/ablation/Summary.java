package org.bnn4j.examples.ablation;

import java.util.Arrays;

/**
 * Mean, sample standard deviation (n - 1 in the denominator) and the 95% confidence interval of the mean of a
 * few values, from Student's t with n - 1 degrees of freedom: with 3 seeds the interval is
 * mean +- 4.303 sd / sqrt(3), far wider than the normal +- 1.96 would claim. One value has no spread and no
 * interval (NaN).
 *
 * <pre>{@code
 * Summary s = Summary.of(new double[]{97.1, 97.4, 97.0});
 * s.mean(); s.sd(); s.ciLow(); s.ciHigh(); s.hasInterval();
 * }</pre>
 */
public record Summary(int n, double mean, double sd, double ciLow, double ciHigh) {

    public static Summary of(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        double mean = Arrays.stream(values).sum() / n;
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        double sd = Math.sqrt(squares / (n - 1));
        double half = StudentT.quantile(0.975, n - 1) * sd / Math.sqrt(n);
        return new Summary(n, mean, sd, mean - half, mean + half);
    }

    public boolean hasInterval() {
        return n > 1;
    }
}
