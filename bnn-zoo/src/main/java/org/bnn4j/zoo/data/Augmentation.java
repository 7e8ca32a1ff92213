package org.bnn4j.zoo.data;

import java.io.Serializable;
import java.util.Random;

/**
 * Light training-time augmentation: shift the image by up to {@code cropPadding} pixels in each direction
 * (a random crop of the zero-padded image, back to the original size), mirror it left-right with
 * probability 1/2, rotate it by a uniform angle in {@code [-maxRotationDegrees, maxRotationDegrees]} about its
 * centre (nearest pixel), and scale its intensities by a uniform factor in
 * {@code [1 - intensityJitter, 1 + intensityJitter]} (pixel bytes rounded, at most 255). Draws come from the
 * iterator's per-epoch random generator, so a seed fixes them; options that are off draw nothing, so turning one
 * on leaves the others' draws where they were.
 */
record Augmentation(int cropPadding, boolean horizontalFlip, double maxRotationDegrees, double intensityJitter)
        implements Serializable {
    static final Augmentation NONE = new Augmentation(0, false, 0, 0);

    Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + cropPadding);
        }
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)) {
            throw new IllegalArgumentException("maximal rotation must be in [0, 180] degrees, got " + maxRotationDegrees);
        }
        if (!(intensityJitter >= 0 && intensityJitter < 1)) {
            throw new IllegalArgumentException("intensity jitter must be in [0, 1), got " + intensityJitter);
        }
    }

    boolean enabled() {
        return cropPadding > 0 || horizontalFlip || maxRotationDegrees > 0 || intensityJitter > 0;
    }

    /** One example's random transform. */
    Draw draw(Random random) {
        int dy = cropPadding > 0 ? random.nextInt(2 * cropPadding + 1) - cropPadding : 0;
        int dx = cropPadding > 0 ? random.nextInt(2 * cropPadding + 1) - cropPadding : 0;
        boolean flip = horizontalFlip && random.nextBoolean();
        double angle = maxRotationDegrees > 0 ? Math.toRadians(symmetric(random, maxRotationDegrees)) : 0;
        double intensity = intensityJitter > 0 ? 1 + symmetric(random, intensityJitter) : 1;
        return new Draw(dy, dx, flip, angle, intensity);
    }

    /** Uniform in [-limit, limit). */
    private static double symmetric(Random random, double limit) {
        return (2 * random.nextDouble() - 1) * limit;
    }

    /**
     * Output pixel (y, x) shows source pixel (y + dy, x + dx) of the image rotated by {@code angle} radians about its
     * centre (and optionally mirrored), with its byte value scaled by {@code intensity}.
     */
    record Draw(int dy, int dx, boolean flip, double angle, double intensity) {
        static final Draw IDENTITY = new Draw(0, 0, false, 0, 1);
    }
}
