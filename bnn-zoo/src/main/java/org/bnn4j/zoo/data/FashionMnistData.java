package org.bnn4j.zoo.data;

import java.util.List;

/**
 * Fashion-MNIST clothing images (28x28 grey, 60,000 training and 10,000 test images, 10 item classes), read
 * from {@code <data dir>/fashion-mnist/}: the four IDX files, raw or gzipped. {@code scripts/fetch-data.sh} puts
 * them there.
 *
 * <pre>{@code
 * DataSetIterator train = FashionMnistData.builder().split(Split.TRAIN).validationSize(5000)
 *         .layout(Layout.NCHW).padTo(32).shuffle(1).build();
 * String first = FashionMnistData.classNames().get(0); // "T-shirt/top"
 * }</pre>
 */
public final class FashionMnistData {
    private FashionMnistData() {
    }

    /** A builder of iterators over this data set; see {@link ImageIteratorBuilder} for the options. */
    public static ImageIteratorBuilder builder() {
        return ImageDataset.FASHION_MNIST.builder();
    }

    /** Class names, indexed by label. */
    public static List<String> classNames() {
        return ImageDataset.FASHION_MNIST.classNames();
    }
}
