package org.bnn4j.zoo.data;

import java.util.List;

/**
 * CIFAR-10 colour images (32x32 RGB, 50,000 training and 10,000 test images), read from the binary-version files
 * {@code data_batch_1.bin ... data_batch_5.bin} and {@code test_batch.bin} in {@code <data dir>/cifar10/} or its
 * {@code cifar-10-batches-bin/} subdirectory. bnn4j does not download them.
 *
 * <pre>{@code
 * DataSetIterator train = Cifar10Data.builder().split(Split.TRAIN).layout(Layout.NCHW)
 *         .normalization(Normalization.MINUS_ONE_TO_ONE).shuffle(7).randomCrop(4).horizontalFlip(true).build();
 * }</pre>
 */
public final class Cifar10Data {
    private Cifar10Data() {
    }

    /** A builder of iterators over this data set; see {@link ImageIteratorBuilder} for the options. */
    public static ImageIteratorBuilder builder() {
        return ImageDataset.CIFAR10.builder();
    }

    /** Class names, indexed by label. */
    public static List<String> classNames() {
        return ImageDataset.CIFAR10.classNames();
    }
}
