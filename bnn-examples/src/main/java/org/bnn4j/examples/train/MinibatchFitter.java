package org.bnn4j.examples.train;

import org.nd4j.linalg.dataset.DataSet;

/**
 * Where {@link Trainer} sends the minibatches of an epoch: straight into the network ({@link #LOCAL}), or somewhere
 * that trains on them in rounds, such as Spark workers ({@link org.bnn4j.examples.spark.SparkMinibatchFitter}). A fitter that holds minibatches
 * back trains on them in {@link #flush}, which the trainer calls before it evaluates or checkpoints the network.
 *
 * <pre>{@code
 * new Trainer(System.out).fitter(MinibatchFitter.LOCAL).train(network, train, validation, 20, schedule, dir, title, null);
 * }</pre>
 */
public interface MinibatchFitter extends AutoCloseable {
    /** One step per minibatch on this JVM: the network's updaters, or Deep Frank-Wolfe's step. */
    MinibatchFitter LOCAL = new MinibatchFitter() {
        @Override
        public void fit(NetworkAdapter network, DataSet batch) {
            network.fitBatch(batch);
        }
    };

    /** Trains {@code network} on {@code batch}, now or in a later round. */
    void fit(NetworkAdapter network, DataSet batch);

    /** Trains on every minibatch still held back, so {@code network} reflects all of them. */
    default void flush(NetworkAdapter network) {
    }

    /** Releases what the fitter started (a Spark context). */
    @Override
    default void close() {
    }
}
