package org.bnn4j.zoo.data;

import java.util.List;

/**
 * MNIST handwritten digits (28x28 grey, 60,000 training and 10,000 test images), read from
 * {@code <data dir>/mnist/}: the four IDX files, raw or gzipped. {@code scripts/fetch-data.sh} puts them there.
 *
 * <pre>{@code
 * DataSetIterator train = MnistData.builder().dataDir(dir).split(Split.TRAIN).batchSize(100).shuffle(42).build();
 * DataSetIterator test = MnistData.builder().dataDir(dir).split(Split.TEST).build();
 * }</pre>
 */
public final class MnistData {
    private MnistData() {
    }

    /** A builder of iterators over this data set; see {@link ImageIteratorBuilder} for the options. */
    public static ImageIteratorBuilder builder() {
        return ImageDataset.MNIST.builder();
    }

    /** Class names, indexed by label. */
    public static List<String> classNames() {
        return ImageDataset.MNIST.classNames();
    }
}
