package org.bnn4j.zoo.data;

import java.io.Serializable;
import java.util.Random;

/**
 * Light training-time augmentation: shift the image by up to {@code cropPadding} pixels in each direction
 * (a random crop of the zero-padded image, back to the original size) and mirror it left-right with
 * probability 1/2. Draws come from the iterator's per-epoch random generator, so a seed fixes them.
 */
record Augmentation(int cropPadding, boolean horizontalFlip) implements Serializable {
    static final Augmentation NONE = new Augmentation(0, false);

    Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + cropPadding);
        }
    }

    boolean enabled() {
        return cropPadding > 0 || horizontalFlip;
    }

    /** One example's random transform. */
    Draw draw(Random random) {
        int dy = cropPadding > 0 ? random.nextInt(2 * cropPadding + 1) - cropPadding : 0;
        int dx = cropPadding > 0 ? random.nextInt(2 * cropPadding + 1) - cropPadding : 0;
        boolean flip = horizontalFlip && random.nextBoolean();
        return new Draw(dy, dx, flip);
    }

    /** Output pixel (y, x) shows source pixel (y + dy, x + dx) of the (optionally mirrored) image. */
    record Draw(int dy, int dx, boolean flip) {
        static final Draw IDENTITY = new Draw(0, 0, false);
    }
}
