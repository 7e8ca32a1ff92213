package org.bnn4j.runtime.engine;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks a {@link ThresholdBits} against the comparison written out channel by channel. */
final class ThresholdBitsCheck {
    private ThresholdBitsCheck() {
    }

    /** Every range length 1..64 at several offsets; values near, at and far from the thresholds, extremes included. */
    static void everyRange(ThresholdBits bits, long seed) {
        Random r = new Random(seed);
        int n = 200;
        for (int trial = 0; trial < 20; trial++) {
            int[] values = new int[n];
            int[] thresholds = new int[n];
            int[] direction = new int[n];
            for (int o = 0; o < n; o++) {
                thresholds[o] = switch (r.nextInt(4)) {
                    case 0 -> Integer.MIN_VALUE + r.nextInt(3);
                    case 1 -> Integer.MAX_VALUE - r.nextInt(3);
                    default -> r.nextInt(41) - 20;
                };
                values[o] = r.nextBoolean() ? thresholds[o] + r.nextInt(3) - 1 : r.nextInt(81) - 40;
                direction[o] = r.nextBoolean() ? 1 : -1;
            }
            for (int length = 1; length <= 64; length++) {
                int from = r.nextInt(n - length + 1);
                long expected = 0;
                for (int o = from; o < from + length; o++) {
                    boolean minusOne = direction[o] > 0 ? values[o] > thresholds[o] : values[o] < thresholds[o];
                    expected |= (minusOne ? 1L : 0L) << (o - from);
                }
                assertEquals(expected, bits.minusOneBits(values, thresholds, direction, from, from + length),
                        "trial " + trial + ", channels [" + from + ", " + (from + length) + ")");
            }
        }
    }

    /** The float comparison likewise, with NaN, signed zeros and infinities among values and thresholds. */
    static void everyFloatRange(ThresholdBits bits, long seed) {
        Random r = new Random(seed);
        float[] special = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE};
        int n = 200;
        for (int trial = 0; trial < 20; trial++) {
            float[] values = new float[n];
            float[] thresholds = new float[n];
            int[] direction = new int[n];
            for (int o = 0; o < n; o++) {
                thresholds[o] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : (float) r.nextGaussian();
                values[o] = switch (r.nextInt(4)) {
                    case 0 -> special[r.nextInt(special.length)];
                    case 1 -> thresholds[o];
                    default -> (float) r.nextGaussian();
                };
                direction[o] = r.nextBoolean() ? 1 : -1;
            }
            for (int length = 1; length <= 64; length++) {
                int from = r.nextInt(n - length + 1);
                long expected = 0;
                for (int o = from; o < from + length; o++) {
                    boolean minusOne = direction[o] > 0 ? values[o] > thresholds[o] : values[o] < thresholds[o];
                    expected |= (minusOne ? 1L : 0L) << (o - from);
                }
                assertEquals(expected, bits.minusOneBits(values, thresholds, direction, from, from + length),
                        "float trial " + trial + ", channels [" + from + ", " + (from + length) + ")");
            }
        }
    }
}
