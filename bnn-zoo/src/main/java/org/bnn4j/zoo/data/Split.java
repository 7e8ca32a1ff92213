package org.bnn4j.zoo.data;

/**
 * Which part of a data set an iterator reads. {@link #TRAIN} and {@link #VALIDATION} both come from the training
 * files: with a validation size V, VALIDATION is V held-out examples and TRAIN is the rest, never overlapping.
 * {@link #TEST} is the separate test file.
 *
 * <pre>{@code
 * ImageIteratorBuilder b = MnistData.builder().validationSize(10_000);
 * DataSetIterator train = b.split(Split.TRAIN).build();      // 50,000 examples
 * DataSetIterator val = b.split(Split.VALIDATION).build();   // the other 10,000
 * }</pre>
 */
public enum Split {
    TRAIN,
    VALIDATION,
    TEST;

    /** True for the parts read from the training files. */
    boolean fromTrainingFiles() {
        return this != TEST;
    }
}
