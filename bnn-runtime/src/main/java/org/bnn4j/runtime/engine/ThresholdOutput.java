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
    private final int wordsPerPixel;
    private final boolean integerAccumulator;

    private ThresholdOutput(int[] intThresholds, float[] floatThresholds, boolean[] flip, int wordsPerPixel,
                            boolean integerAccumulator) {
        this.intThresholds = intThresholds;
        this.floatThresholds = floatThresholds;
        this.flip = flip;
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
}
