package org.bnn4j.runtime.format;

/**
 * The weights of a DENSE or CONV2D op, one row per output channel laid out {@code [kernelH][kernelW][channels]}
 * (a dense op has a 1x1 kernel and its input features as channels). Bit rows hold each {@code (kh, kw)} tap's
 * channels in {@code ceil(channels / 64)} words, bit {@code c % 64} of word {@code c / 64}; bit value 1 means -1,
 * 0 means +1; pad bits past the last channel are 0.
 *
 * <pre>{@code
 * long[] row = new long[1];
 * BitPacking.setBit(row, 0, 2);               // weight 2 of a 3-input row is -1: row [+1, +1, -1]
 * Weights w = new Weights.Binary(row);
 * }</pre>
 */
public sealed interface Weights {

    /** Format code of the weight kind. */
    int code();

    /** Full-precision weights, {@code values[o][tap][c]}. */
    record Float32(float[] values) implements Weights {
        @Override
        public int code() {
            return 0;
        }
    }

    /** ±1 weights as one bit-plane (bit 1 = -1). */
    record Binary(long[] words) implements Weights {
        @Override
        public int code() {
            return 1;
        }
    }

    /**
     * Ternary weights {-1, 0, +1} as two disjoint bit-planes: {@code plus} has bit 1 where the weight is +1,
     * {@code minus} where it is -1. With scales (TTQ's trained Wp and Wn, per output channel) the op computes
     * {@code wp[o] * sum(x where +1) - wn[o] * sum(x where -1)}; without, {@code sum(x where +1) - sum(x where -1)}.
     */
    record Ternary(long[] plus, long[] minus, float[] positiveScales, float[] negativeScales) implements Weights {
        public Ternary(long[] plus, long[] minus) {
            this(plus, minus, null, null);
        }

        public boolean scaled() {
            return positiveScales != null;
        }

        @Override
        public int code() {
            return scaled() ? 3 : 2;
        }
    }
}
