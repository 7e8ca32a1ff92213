package org.bnn4j.spark;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

/**
 * A generated classification task a small binarized MLP learns in a few hundred steps: Gaussian inputs, the class
 * is the largest of {@code classes} fixed random projections (a linear teacher, so the task is learnable and chance
 * is 1 / classes). Deterministic in the seed.
 */
final class GeneratedTask {
    final int inputs;
    final int classes;
    private final float[][] teacher;

    GeneratedTask(int inputs, int classes, long seed) {
        this.inputs = inputs;
        this.classes = classes;
        Random r = new Random(seed);
        teacher = new float[classes][inputs];
        for (float[] row : teacher) {
            for (int i = 0; i < inputs; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
    }

    /** {@code n} labeled examples drawn with {@code seed}. */
    DataSet examples(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][inputs];
        float[][] y = new float[n][classes];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < inputs; i++) {
                x[e][i] = (float) r.nextGaussian();
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double s = 0;
                for (int i = 0; i < inputs; i++) {
                    s += teacher[c][i] * x[e][i];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            y[e][best] = 1;
        }
        return new DataSet(Nd4j.createFromArray(x).castTo(DataType.FLOAT), Nd4j.createFromArray(y));
    }

    /** The same examples as minibatches, the form a training RDD holds. */
    static List<DataSet> minibatches(DataSet all, int batch) {
        return all.batchBy(batch);
    }

    /** Fraction of correct argmax predictions. */
    static double accuracy(INDArray output, INDArray labels) {
        INDArray predicted = output.argMax(1);
        INDArray actual = labels.argMax(1);
        return predicted.eq(actual).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
