package org.bnn4j.runtime.engine;

/**
 * The plain Java 17 {@link ThresholdBits}: without a branch per channel (whether a channel is -1 is data, and a
 * mispredicted branch per output cost more than the comparison), in long so that no difference wraps around.
 */
final class ScalarThresholdBits implements ThresholdBits {
    static final ScalarThresholdBits INSTANCE = new ScalarThresholdBits();

    private ScalarThresholdBits() {
    }

    @Override
    public long minusOneBits(int[] values, int[] thresholds, int[] direction, int from, int to) {
        long word = 0;
        for (int o = from; o < to; o++) {
            long d = direction[o] * ((long) values[o] - thresholds[o]);
            word |= ((-d) >>> 63) << (o - from);
        }
        return word;
    }

    @Override
    public long minusOneBits(float[] values, float[] thresholds, int[] direction, int from, int to) {
        long word = 0;
        for (int o = from; o < to; o++) {
            float v = values[o];
            float t = thresholds[o];
            boolean flipped = direction[o] > 0;
            // & and |, not && and ||: no branch on the data
            boolean minusOne = (flipped & v > t) | (!flipped & v < t);
            word |= (minusOne ? 1L : 0L) << (o - from);
        }
        return word;
    }
}
