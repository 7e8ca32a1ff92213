/**
 * Local-file readers for MNIST, Fashion-MNIST and CIFAR-10 as DL4J {@code DataSetIterator}s: strict file checks,
 * train/validation/test splits, seeded shuffling and augmentation, flat, NCHW or NHWC layout.
 *
 * <pre>{@code
 * DataSetIterator train = MnistData.builder().split(Split.TRAIN).batchSize(100).shuffle(42).build();
 * }</pre>
 */
package org.bnn4j.zoo.data;
