package org.bnn4j.runtime.engine;

/**
 * BatchNorm and sign folded into a comparison: output +1 where {@code acc >= t[o]} (or {@code acc <= t[o]} for a
 * flipped channel, a BatchNorm with negative gamma), else -1, written as bits. Integer accumulators are compared
 * exactly with int32 thresholds, real ones with float32 thresholds.
 */
final class ThresholdOutput implements OutputWriter {
    private static final ThresholdBits BITS = BitGemm.choice().thresholdBits();

    private final int[] intThresholds;
    private final float[] floatThresholds;
    /** -1 where a channel is not flipped, +1 where it is: -1 exactly where {@code direction * (acc - t) > 0}. */
    private final int[] direction;
    private final int wordsPerPixel;
    private final boolean integerAccumulator;

    private ThresholdOutput(int[] intThresholds, float[] floatThresholds, boolean[] flip, int wordsPerPixel,
                            boolean integerAccumulator) {
        this.intThresholds = intThresholds;
        this.floatThresholds = floatThresholds;
        this.direction = new int[flip.length];
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
            float[] values = acc.floats[k];
            if (integerAccumulator) {
                values = acc.spare(oTo);
                for (int o = oFrom; o < oTo; o++) {
                    values[o] = acc.ints[k][o];
                }
            }
            for (int o = oFrom; o < oTo; ) {
                int wordEnd = Math.min(oTo, (o & ~63) + 64);
                bitOut[base + (o >>> 6)] |= BITS.minusOneBits(values, floatThresholds, direction, o, wordEnd)
                        << (o & 63);
                o = wordEnd;
            }
        }
    }

    /** Integer thresholds, a word of up to 64 channels at a time ({@link ThresholdBits}), each word stored once. */
    private void writeIntegers(int count, int[] positions, Accumulators acc, int oFrom, int oTo, long[][] bitOuts) {
        for (int k = 0; k < count; k++) {
            long[] bitOut = bitOuts[k];
            int[] values = acc.ints[k];
            int base = positions[k] * wordsPerPixel;
            for (int o = oFrom; o < oTo; ) {
                int wordEnd = Math.min(oTo, (o & ~63) + 64);
                bitOut[base + (o >>> 6)] |= BITS.minusOneBits(values, intThresholds, direction, o, wordEnd) << (o & 63);
                o = wordEnd;
            }
        }
    }
}
