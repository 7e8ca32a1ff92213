package org.bnn4j.examples.spark;

import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.examples.train.MinibatchFitter;
import org.bnn4j.examples.train.TrainingMethod;
import picocli.CommandLine.Option;

import java.io.PrintStream;

/**
 * {@code ./bnn4j train}'s Spark options, a picocli mixin: without {@code --spark} training stays on this JVM.
 *
 * <pre>
 * ./bnn4j train --model binarynet-mlp --spark local[2]                                  # 2 workers in this JVM
 * ./bnn4j train --model binarynet-mlp --spark local[2] --spark-workers 4 --averaging-frequency 20
 * spark-submit ... org.bnn4j.examples.Bnn4j train --model binarynet-mlp --spark submit  # the cluster's master
 * </pre>
 */
public final class SparkOptions {
    /** Minibatches per worker between two combinations when {@code --averaging-frequency} is not given (DL4J's default). */
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train on Spark (parameter averaging, Bop kernels by majority vote): local[N], local[*], "
                    + "spark://HOST:PORT, yarn, k8s://HOST:PORT, mesos://HOST:PORT, or submit (spark-submit's --master).")
    String master;

    @Option(names = "--spark-workers", paramLabel = "N", converter = MinimumInt.Positive.class,
            description = "--spark: workers training in parallel (default: N of local[N], else the cluster's default parallelism).")
    Integer workers;

    @Option(names = "--averaging-frequency", paramLabel = "K", converter = MinimumInt.Positive.class,
            description = "--spark: minibatches each worker fits between two combinations (default: "
                    + DEFAULT_AVERAGING_FREQUENCY + ").")
    Integer averagingFrequency;

    private SparkMaster parsed;

    /**
     * Checks the options against each other and the optimizer, before any data is read.
     *
     * @throws IllegalArgumentException one line saying what cannot work
     */
    public void check(TrainingMethod.Optimizer optimizer) {
        if (master == null) {
            if (workers != null || averagingFrequency != null) {
                throw new IllegalArgumentException((workers != null ? "--spark-workers" : "--averaging-frequency")
                        + " needs --spark MASTER (e.g. --spark local[2])");
            }
            return;
        }
        parsed = SparkMaster.parse(master);
        if (optimizer == TrainingMethod.Optimizer.DFW) {
            throw new IllegalArgumentException("--spark trains with the network's updaters; --optimizer dfw steps the"
                    + " network itself and is not available on Spark (use adam, sgd, nesterov or bop)");
        }
    }

    /** Whether {@code --spark} was given. */
    public boolean enabled() {
        return master != null;
    }

    /**
     * {@link MinibatchFitter#LOCAL} without {@code --spark}; else a Spark context on the master and a fitter that trains
     * on it, which the caller closes.
     */
    public MinibatchFitter fitter(int batchSize, String appName, PrintStream out) {
        if (master == null) {
            return MinibatchFitter.LOCAL;
        }
        if (parsed == null) {
            throw new IllegalStateException("SparkOptions.check must run before fitter");
        }
        return SparkMinibatchFitter.start(parsed, workers, averagingFrequency == null ? DEFAULT_AVERAGING_FREQUENCY
                : averagingFrequency, batchSize, appName, out);
    }
}
