package org.bnn4j.tests.testutil;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Small generated data sets with fixed seeds: clusters for MLPs, patterned images for conv nets. */
public final class Data {
    private Data() {
    }

    /** Gaussian clusters in {@code features} dimensions, one centre per class. */
    public static DataSet clusters(int n, int features, int classes, long seed) {
        Random r = new Random(seed);
        Random centresRandom = new Random(99);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) for (int j = 0; j < features; j++) c[j] = centresRandom.nextGaussian() * 1.2;
        INDArray x = Nd4j.create(DataType.FLOAT, n, features);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(classes);
            for (int j = 0; j < features; j++) x.putScalar(i, j, centres[c][j] + r.nextGaussian());
            y.putScalar(i, c, 1);
        }
        return new DataSet(x, y);
    }

    /**
     * {@code channels x size x size} images: stripes in one of four orientations (the class) with noise, values
     * in [-1, 1] plus a real-valued offset so first layers see real inputs.
     */
    public static DataSet images(int n, int channels, int size, long seed) {
        int[][] directions = {{1, 0}, {0, 1}, {1, 1}, {1, -1}};
        Random r = new Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, channels, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(4);
            int phase = r.nextInt(4);
            for (int ch = 0; ch < channels; ch++) {
                for (int p = 0; p < size; p++) {
                    for (int q = 0; q < size; q++) {
                        int t = Math.floorMod(p * directions[c][0] + q * directions[c][1] + phase + ch, 4);
                        double v = (t < 2 ? 1.0 : -1.0) * (0.5 + r.nextDouble()) + 0.3 * r.nextGaussian();
                        x.putScalar(new long[]{i, ch, p, q}, v);
                    }
                }
            }
            y.putScalar(i, c, 1);
        }
        return new DataSet(x, y);
    }

    /** Trains a few passes over {@code data} in minibatches (enough to move weights and BatchNorm statistics). */
    public static void train(org.deeplearning4j.nn.api.Model net, DataSet data, int epochs) {
        for (int e = 0; e < epochs; e++) {
            for (DataSet batch : data.batchBy(64)) {
                if (net instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m) m.fit(batch);
                else ((org.deeplearning4j.nn.graph.ComputationGraph) net).fit(batch);
            }
        }
    }
}
