package org.bnn4j.zoo.data;

import java.io.Serializable;

/**
 * Images and their class labels held in memory as raw bytes, as read from a data set's files: pixel bytes
 * 0..255 in channel-major order (channel, row, column) per example, one label byte 0..numClasses-1 per example.
 * Iterators build their float minibatches from this without copying it.
 *
 * <pre>{@code
 * LabeledImages test = ImageDataset.MNIST.loadTest(DataDirectory.resolve(null));
 * int firstLabel = test.label(0);
 * int centrePixel = test.pixel(0, 0, 14, 14);
 * }</pre>
 */
public final class LabeledImages implements Serializable {
    final byte[] pixels;
    final byte[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;

    /**
     * @param pixels size() * channels * height * width bytes, channel-major per example (not copied)
     * @param labels one byte per example, each in 0..numClasses-1 (not copied)
     */
    public LabeledImages(byte[] pixels, byte[] labels, int channels, int height, int width, int numClasses) {
        if (channels < 1 || height < 1 || width < 1 || numClasses < 2) {
            throw new IllegalArgumentException("need channels, height, width >= 1 and numClasses >= 2, got "
                    + channels + ", " + height + ", " + width + ", " + numClasses);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(labels.length + " labels need " + expected + " pixel bytes for "
                    + channels + "x" + height + "x" + width + " images, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= numClasses) {
                throw new IllegalArgumentException("label " + Byte.toUnsignedInt(labels[i]) + " of example " + i
                        + " is outside 0.." + (numClasses - 1));
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Bytes per image: channels * height * width. */
    public int imageLength() {
        return channels * height * width;
    }

    /** The class of example {@code i}, 0..numClasses-1. */
    public int label(int i) {
        return Byte.toUnsignedInt(labels[i]);
    }

    /** The pixel value 0..255 of example {@code i} at channel {@code c}, row {@code y}, column {@code x}. */
    public int pixel(int i, int c, int y, int x) {
        return Byte.toUnsignedInt(pixels[i * imageLength() + (c * height + y) * width + x]);
    }
}
