package org.bnn4j.runtime.format;

/**
 * The weights of a DENSE or CONV2D op, one row per output channel laid out {@code [kernelH][kernelW][channels]}
 * (a dense op has a 1x1 kernel and its input features as channels; a grouped convolution's rows hold the
 * {@code nIn / groups} channels of the output's group). Bit rows hold each {@code (kh, kw)} tap's channels in
 * {@code ceil(channels / 64)} words, bit {@code c % 64} of word {@code c / 64}; bit value 1 means -1, 0 means +1;
 * pad bits past the last channel are 0.
 *
 * <p>Code that handles every variant implements {@link Visitor} (see {@link OpSpec} for why); the reader, which
 * starts from the format's code byte, switches over {@link Kind}.
 *
 * <pre>{@code
 * long[] row = new long[1];
 * BitPacking.setBit(row, 0, 2);               // weight 2 of a 3-input row is -1: row [+1, +1, -1]
 * Weights w = new Weights.Binary(row);
 * w.kind().integerValued();                   // true: every weight is -1 or +1
 * }</pre>
 */
public sealed interface Weights {

    /** The format's weight kind (its code is the byte in the file). */
    Kind kind();

    /** Format code of the weight kind. */
    default int code() {
        return kind().code();
    }

    /** Calls the visitor's method for this variant. */
    <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

    /**
     * The weight kinds of the format, with the two facts the rest of the code derives from them.
     */
    enum Kind implements Coded {
        FLOAT32(0, false, false), BINARY(1, true, true), TERNARY(2, true, true), TERNARY_SCALED(3, true, false);

        private final int code;
        private final boolean bitPlanes;
        private final boolean integerValued;

        Kind(int code, boolean bitPlanes, boolean integerValued) {
            this.code = code;
            this.bitPlanes = bitPlanes;
            this.integerValued = integerValued;
        }

        @Override
        public int code() {
            return code;
        }

        /** Whether the weights are stored as bit-planes (BINARY, TERNARY, TERNARY_SCALED). */
        public boolean bitPlanes() {
            return bitPlanes;
        }

        /**
         * Whether every weight is -1, 0 or +1 (BINARY, unscaled TERNARY): on ±1 inputs the accumulator is then an
         * integer. The one place this rule is written; {@link LinearSpec#integerAccumulator()} applies it.
         */
        public boolean integerValued() {
            return integerValued;
        }
    }

    /** One method per variant. */
    interface Visitor<R, X extends Exception> {
        R float32(Float32 weights) throws X;

        R binary(Binary weights) throws X;

        /** TERNARY and TERNARY_SCALED. */
        R ternary(Ternary weights) throws X;
    }

    /** Full-precision weights, {@code values[o][tap][c]}. */
    record Float32(float[] values) implements Weights {
        @Override
        public Kind kind() {
            return Kind.FLOAT32;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.float32(this);
        }
    }

    /** ±1 weights as one bit-plane (bit 1 = -1). */
    record Binary(long[] words) implements Weights {
        @Override
        public Kind kind() {
            return Kind.BINARY;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.binary(this);
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
        public Kind kind() {
            return scaled() ? Kind.TERNARY_SCALED : Kind.TERNARY;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.ternary(this);
        }
    }
}
