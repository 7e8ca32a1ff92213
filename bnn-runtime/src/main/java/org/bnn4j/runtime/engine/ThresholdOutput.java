package org.bnn4j.runtime.engine;

/**
 * BatchNorm and sign folded into a comparison: output +1 where {@code acc >= t[o]} (or {@code acc <= t[o]} for a
 * flipped channel, a BatchNorm with negative gamma), else -1, written as bits. Integer accumulators are compared
 * exactly with int32 thresholds, real ones with float32 thresholds.
 */
final class ThresholdOutput implements OutputWriter {
    private final int[] intThresholds;
    private final float[] floatThresholds;
    private final boolean[] flip;
    /** -1 where a channel is not flipped, +1 where it is: -1 exactly where {@code direction * (acc - t) > 0}. */
    private final long[] direction;
    private final int wordsPerPixel;
    private final boolean integerAccumulator;

    private ThresholdOutput(int[] intThresholds, float[] floatThresholds, boolean[] flip, int wordsPerPixel,
                            boolean integerAccumulator) {
        this.intThresholds = intThresholds;
        this.floatThresholds = floatThresholds;
        this.flip = flip;
        this.direction = new long[flip.length];
        for (int o = 0; o < flip.length; o++) {
            direction[o] = flip[o] ? 1 : -1;
        }
        this.wordsPerPixel = wordsPerPixel;
        this.integerAccumulator = integerAccumulator;
    }

    static ThresholdOutput ofInts(int[] thresholds, boolean[] flip, int wordsPerPixel) {
        return new ThresholdOutput(thresholds, null, flip, wordsPerPixel, true);
    }

    /** @param integerAccumulator whether the kernel writes integers (±1 inputs of a REAL-mode op, run on bits) */
    static ThresholdOutput ofFloats(float[] thresholds, boolean[] flip, int wordsPerPixel, boolean integerAccumulator) {
        return new ThresholdOutput(null, thresholds, flip, wordsPerPixel, integerAccumulator);
    }

    @Override
    public boolean producesBits() {
        return true;
    }

    @Override
    public void write(int count, int[] positions, Accumulators acc, int oFrom, int oTo, float[][] realOuts, long[][] bitOuts) {
        if (intThresholds != null) {
            writeIntegers(count, positions, acc, oFrom, oTo, bitOuts);
            return;
        }
        for (int k = 0; k < count; k++) {
            long[] bitOut = bitOuts[k];
            int base = positions[k] * wordsPerPixel;
            for (int o = oFrom; o < oTo; o++) {
                boolean minusOne;
                if (intThresholds != null) {
                    int value = acc.ints[k][o];
                    minusOne = flip[o] ? value > intThresholds[o] : value < intThresholds[o];
                } else {
                    float value = integerAccumulator ? (float) acc.ints[k][o] : acc.floats[k][o];
                    minusOne = flip[o] ? value > floatThresholds[o] : value < floatThresholds[o];
                }
                if (minusOne) {
                    bitOut[base + (o >>> 6)] |= 1L << (o & 63);
                }
            }
        }
    }

    /**
     * Integer thresholds without a branch per channel (whether a channel is -1 is data, and a mispredicted branch
     * per output cost more than the comparison): {@code direction * (acc - t) > 0}, in long so no value wraps, sets
     * the bit; a word is stored once per 64 channels.
     */
    private void writeIntegers(int count, int[] positions, Accumulators acc, int oFrom, int oTo, long[][] bitOuts) {
        for (int k = 0; k < count; k++) {
            long[] bitOut = bitOuts[k];
            int[] values = acc.ints[k];
            int base = positions[k] * wordsPerPixel;
            for (int o = oFrom; o < oTo; ) {
                int wordEnd = Math.min(oTo, (o & ~63) + 64);
                long word = 0;
                for (; o < wordEnd; o++) {
                    long d = direction[o] * ((long) values[o] - intThresholds[o]);
                    word |= ((-d) >>> 63) << (o & 63);
                }
                bitOut[base + ((o - 1) >>> 6)] |= word;
            }
        }
    }
}
