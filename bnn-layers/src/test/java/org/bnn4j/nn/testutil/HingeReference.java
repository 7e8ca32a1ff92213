package org.bnn4j.nn.testutil;

/**
 * The Crammer-Singer multi-class hinge written from its definition in plain Java, for tests: with
 * {@code a_j = Δ(j, y) + s_j} ({@code Δ = margin} off the true class y, 0 on it),
 * {@code L = max_j a_j - s_y}, or {@code tau * log sum_j exp(a_j / tau) - s_y} when smoothed.
 */
public final class HingeReference {
    private HingeReference() {
    }

    private static double[] augmented(double[] s, int y, double margin) {
        double[] a = new double[s.length];
        for (int j = 0; j < s.length; j++) a[j] = (j == y ? 0 : margin) + s[j];
        return a;
    }

    /** The loss of one example. */
    public static double loss(double[] s, int y, double margin, double tau) {
        double[] a = augmented(s, y, margin);
        if (tau == 0) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : a) max = Math.max(max, v);
            return max - s[y];
        }
        double sum = 0;
        for (double v : a) sum += Math.exp(v / tau);
        return tau * Math.log(sum) - s[y];
    }

    /** dL/ds of one example: e_argmax - e_y (first maximum), or softmax(a / tau) - e_y. */
    public static double[] gradient(double[] s, int y, double margin, double tau) {
        double[] a = augmented(s, y, margin);
        double[] g = new double[s.length];
        if (tau == 0) {
            int argMax = 0;
            for (int j = 1; j < a.length; j++) if (a[j] > a[argMax]) argMax = j;
            g[argMax] = 1;
        } else {
            double sum = 0;
            for (double v : a) sum += Math.exp(v / tau);
            for (int j = 0; j < a.length; j++) g[j] = Math.exp(a[j] / tau) / sum;
        }
        g[y] -= 1;
        return g;
    }
}
