package org.bnn4j.runtime.engine;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks a {@link ThresholdBits} against the comparison written out channel by channel. */
final class ThresholdBitsCheck {
    private static final int CHANNELS = 200;
    private static final float[] SPECIAL = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE};

    /** One trial's data: the rule for channel o, and what the implementation says for channels [from, to). */
    private interface Trial {
        boolean minusOne(int o);

        long bits(int from, int to);
    }

    private ThresholdBitsCheck() {
    }

    /** Every range length 1..64 at several offsets; values near, at and far from the thresholds, extremes included. */
    static void everyRange(ThresholdBits bits, long seed) {
        Random r = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            int[] values = new int[CHANNELS];
            int[] thresholds = new int[CHANNELS];
            int[] direction = directions(r);
            for (int o = 0; o < CHANNELS; o++) {
                thresholds[o] = switch (r.nextInt(4)) {
                    case 0 -> Integer.MIN_VALUE + r.nextInt(3);
                    case 1 -> Integer.MAX_VALUE - r.nextInt(3);
                    default -> r.nextInt(41) - 20;
                };
                values[o] = r.nextBoolean() ? thresholds[o] + r.nextInt(3) - 1 : r.nextInt(81) - 40;
            }
            everyLength(r, "int trial " + trial, new Trial() {
                public boolean minusOne(int o) {
                    return direction[o] > 0 ? values[o] > thresholds[o] : values[o] < thresholds[o];
                }

                public long bits(int from, int to) {
                    return bits.minusOneBits(values, thresholds, direction, from, to);
                }
            });
        }
    }

    /** The float comparison likewise, with NaN, signed zeros and infinities among values and thresholds. */
    static void everyFloatRange(ThresholdBits bits, long seed) {
        Random r = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            float[] values = new float[CHANNELS];
            float[] thresholds = new float[CHANNELS];
            int[] direction = directions(r);
            for (int o = 0; o < CHANNELS; o++) {
                thresholds[o] = r.nextInt(8) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
                values[o] = switch (r.nextInt(4)) {
                    case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
                    case 1 -> thresholds[o];
                    default -> (float) r.nextGaussian();
                };
            }
            everyLength(r, "float trial " + trial, new Trial() {
                public boolean minusOne(int o) {
                    return direction[o] > 0 ? values[o] > thresholds[o] : values[o] < thresholds[o];
                }

                public long bits(int from, int to) {
                    return bits.minusOneBits(values, thresholds, direction, from, to);
                }
            });
        }
    }

    private static int[] directions(Random r) {
        int[] direction = new int[CHANNELS];
        for (int o = 0; o < CHANNELS; o++) {
            direction[o] = r.nextBoolean() ? 1 : -1;
        }
        return direction;
    }

    private static void everyLength(Random r, String what, Trial t) {
        for (int length = 1; length <= 64; length++) {
            int from = r.nextInt(CHANNELS - length + 1);
            long expected = 0;
            for (int o = from; o < from + length; o++) {
                expected |= (t.minusOne(o) ? 1L : 0L) << (o - from);
            }
            assertEquals(expected, t.bits(from, from + length), what + ", channels [" + from + ", " + (from + length) + ")");
        }
    }
}
