package org.bnn4j.examples.train;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;

/** A minibatch iterator together with what the training loop needs to know about it. */
public final class LabeledData {
    private final DataSetIterator iterator;
    private final long examples;
    private final List<String> classNames;

    public LabeledData(DataSetIterator iterator, long examples, List<String> classNames) {
        this.iterator = iterator;
        this.examples = examples;
        this.classNames = List.copyOf(classNames);
    }

    public DataSetIterator iterator() {
        return iterator;
    }

    public long examples() {
        return examples;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Minibatches per pass. */
    public long batches() {
        return (examples + iterator.batch() - 1) / iterator.batch();
    }
}
