package org.bnn4j.examples.deploy;

import org.bnn4j.examples.train.LabeledData;
import org.bnn4j.runtime.BnnModel;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Accuracy of a packed model over a data set, computed by the dependency-free runtime alone (the iterator only
 * supplies the pixels and labels).
 */
public final class RuntimeEvaluation {
    public final long examples;
    public final long correct;
    public final double seconds;

    private RuntimeEvaluation(long examples, long correct, double seconds) {
        this.examples = examples;
        this.correct = correct;
        this.seconds = seconds;
    }

    public double accuracy() {
        return examples == 0 ? Double.NaN : (double) correct / examples;
    }

    public double examplesPerSecond() {
        return examples / seconds;
    }

    public static RuntimeEvaluation of(BnnModel model, LabeledData data) {
        if (data.iterator().inputColumns() != model.inputSize()) {
            throw new IllegalArgumentException("The model takes " + model.inputSize() + " inputs per example but the data "
                    + "provides " + data.iterator().inputColumns() + "; check --dataset and --pad32");
        }
        data.iterator().reset();
        long n = 0;
        long correct = 0;
        double seconds = 0;
        while (data.iterator().hasNext()) {
            DataSet batch = data.iterator().next();
            float[][] inputs = batch.getFeatures().reshape(batch.numExamples(), model.inputSize()).toFloatMatrix();
            long start = System.nanoTime();
            int[] predicted = model.classify(inputs);
            seconds += (System.nanoTime() - start) / 1e9;
            int[] labels = batch.getLabels().argMax(1).toIntVector();
            for (int i = 0; i < labels.length; i++) {
                if (predicted[i] == labels[i]) {
                    correct++;
                }
            }
            n += labels.length;
        }
        return new RuntimeEvaluation(n, correct, seconds);
    }
}
