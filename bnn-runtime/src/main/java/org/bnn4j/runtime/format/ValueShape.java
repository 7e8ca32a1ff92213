package org.bnn4j.runtime.format;

import java.util.Arrays;

/**
 * Shape of one example's value: a vector {@code [features]} (rank 1) or an image {@code [channels, height, width]}
 * (rank 3), stored row-major (C, H, W) as DL4J flattens it. A vector is treated as {@code [features, 1, 1]}
 * where a channel count is needed.
 *
 * <pre>{@code
 * ValueShape.image(3, 32, 32).size();   // 3072
 * }</pre>
 */
public record ValueShape(int rank, int channels, int height, int width) {

    public ValueShape {
        if ((rank != 1 && rank != 3) || channels < 1 || height < 1 || width < 1
                || (rank == 1 && (height != 1 || width != 1))) {
            throw new IllegalArgumentException("invalid value shape: rank " + rank + ", [" + channels + ", " + height
                    + ", " + width + "]");
        }
    }

    public static ValueShape vector(int features) {
        return new ValueShape(1, features, 1, 1);
    }

    public static ValueShape image(int channels, int height, int width) {
        return new ValueShape(3, channels, height, width);
    }

    /** Number of elements (as a long: validation compares it against limits before anything is allocated). */
    public long size() {
        return (long) channels * height * width;
    }

    /** Pixels per channel. */
    public int area() {
        return height * width;
    }

    public int[] dims() {
        return rank == 1 ? new int[]{channels} : new int[]{channels, height, width};
    }

    public boolean isImage() {
        return rank == 3;
    }

    @Override
    public String toString() {
        return Arrays.toString(dims());
    }
}
