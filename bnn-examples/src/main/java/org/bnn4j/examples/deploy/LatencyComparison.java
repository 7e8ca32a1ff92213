package org.bnn4j.examples.deploy;

import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.runtime.BnnModel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * One-example-at-a-time latency of DL4J's {@code output()} and of the packed runtime on the same inputs, measured
 * side by side (interleaved rounds, medians) so that machine load affects both alike.
 */
public final class LatencyComparison {
    public final double dl4jMillis;
    public final double runtimeMillis;

    private LatencyComparison(double dl4jMillis, double runtimeMillis) {
        this.dl4jMillis = dl4jMillis;
        this.runtimeMillis = runtimeMillis;
    }

    public double speedUp() {
        return dl4jMillis / runtimeMillis;
    }

    /** @param examples rows of features (the same ones go to both); each is classified {@code rounds} times */
    public static LatencyComparison measure(NetworkAdapter network, BnnModel model, INDArray examples, int rounds) {
        int n = (int) examples.size(0);
        float[][] rows = examples.reshape(n, model.inputSize()).toFloatMatrix();
        INDArray[] singles = new INDArray[n];
        for (int i = 0; i < n; i++) {
            singles[i] = examples.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1)).dup();
        }
        for (int i = 0; i < n; i++) { // warm-up
            network.output(singles[i]);
            model.predict(rows[i]);
        }
        double[] dl4j = new double[rounds];
        double[] runtime = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (INDArray single : singles) {
                network.output(single);
            }
            long t1 = System.nanoTime();
            for (float[] row : rows) {
                model.predict(row);
            }
            long t2 = System.nanoTime();
            dl4j[r] = (t1 - t0) / 1e6 / n;
            runtime[r] = (t2 - t1) / 1e6 / n;
        }
        return new LatencyComparison(median(dl4j), median(runtime));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
