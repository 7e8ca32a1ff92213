package org.bnn4j.examples.train;

import org.bnn4j.zoo.data.ImageDataIterator;
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

    /**
     * Starts epoch {@code epoch} (0-based) after {@code batchesDone} of its minibatches: an image iterator seeks
     * there, reproducing its order and augmentation; any other iterator can only start epochs from the beginning.
     */
    public void startEpoch(int epoch, long batchesDone) {
        if (iterator instanceof ImageDataIterator images) {
            images.seek(epoch, (int) Math.min(examples, batchesDone * iterator.batch()));
        } else if (batchesDone == 0) {
            iterator.reset();
        } else {
            throw new IllegalStateException(iterator.getClass().getSimpleName() + " cannot resume in the middle of an epoch");
        }
    }

    /** Minibatches per pass. */
    public long batches() {
        return (examples + iterator.batch() - 1) / iterator.batch();
    }
}
