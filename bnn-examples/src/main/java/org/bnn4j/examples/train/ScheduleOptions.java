package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.MinimumInt;
import picocli.CommandLine.Option;

/**
 * What data a training run reads and for how long, a picocli mixin shared by {@code ./bnn4j train} and the commands
 * that run trainings ({@code ablation}): data set, epochs, minibatch size, BinaryNet's exponentially decaying learning
 * rate and the validation split. A command that wants other defaults gives them with a default-value provider.
 *
 * <pre>
 * ./bnn4j train --model binarynet-mlp --dataset fashion-mnist --epochs 20 --batch 100 --lr 3e-3 --lr-final 3e-5
 * </pre>
 */
public final class ScheduleOptions {
    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist, fashion-mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", defaultValue = "10", converter = MinimumInt.Positive.class,
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "100", converter = MinimumInt.Positive.class,
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Learning rate in the first epoch (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--lr-final", description = "Learning rate in the last epoch, reached by exponential decay (default: lr / 100).")
    Double finalLearningRate;

    @Option(names = "--validation", defaultValue = "5000", converter = MinimumInt.Positive.class,
            description = "Training examples held out for validation (default: ${DEFAULT-VALUE}).")
    int validation;

    public String dataset() {
        return dataset;
    }

    public int epochs() {
        return epochs;
    }

    public int batch() {
        return batch;
    }

    public double learningRate() {
        return learningRate;
    }

    /** The --lr-final given, or null (then lr / 100). */
    public Double givenFinalLearningRate() {
        return finalLearningRate;
    }

    /** The learning rate of the last epoch: --lr-final, else lr / 100. */
    public double finalLearningRate() {
        return finalLearningRate != null ? finalLearningRate : learningRate / 100;
    }

    public int validation() {
        return validation;
    }
}
