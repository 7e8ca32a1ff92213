package org.bnn4j.zoo.data;

/**
 * Shape of the feature arrays an iterator returns.
 *
 * <pre>{@code
 * DataSetIterator mlp = MnistData.builder().layout(Layout.FLAT).build();   // [batch, 784]
 * DataSetIterator cnn = MnistData.builder().layout(Layout.NCHW).build();   // [batch, 1, 28, 28]
 * DataSetIterator keras = Cifar10Data.builder().layout(Layout.NHWC).build(); // [batch, 32, 32, 3]
 * }</pre>
 */
public enum Layout {
    /** [N, C*H*W], channel-major (all of channel 0, then channel 1...), for dense networks. */
    FLAT,
    /** [N, C, H, W], for convolutional networks (DL4J's default CNN format). */
    NCHW,
    /** [N, H, W, C], channels last, as Keras (and so models imported from Larq) take images. */
    NHWC
}
