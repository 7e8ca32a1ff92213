package org.bnn4j.runtime.format;

/**
 * What a DENSE or CONV2D op does with each output channel's accumulator {@code acc}: a per-channel affine map
 * (real output), or a comparison with a per-channel threshold (±1 output), the form BatchNorm followed by sign
 * folds into.
 *
 * <p>Code that handles every variant implements {@link Visitor} (see {@link OpSpec} for why); the reader, which
 * starts from the format's code byte, switches over {@link Kind}.
 *
 * <pre>{@code
 * // +1 where acc >= 3 for channel 0, where acc <= -1 for channel 1 (a BatchNorm with negative gamma)
 * OutputStage s = new OutputStage.IntThresholds(new int[]{3, -1}, new boolean[]{false, true});
 * }</pre>
 */
public sealed interface OutputStage {

    /** The format's stage kind (its code is the byte in the file). */
    Kind kind();

    /** Format code of the stage. */
    default int code() {
        return kind().code();
    }

    /** Calls the visitor's method for this variant. */
    <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

    /** The stage byte of the format; THRESHOLD's thresholds are i32 or f32 by their tensor's dtype. */
    enum Kind implements Coded {
        AFFINE(0), THRESHOLD(1);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }

    /** One method per variant. */
    interface Visitor<R, X extends Exception> {
        R affine(Affine stage) throws X;

        R intThresholds(IntThresholds stage) throws X;

        R floatThresholds(FloatThresholds stage) throws X;
    }

    /** {@code y[o] = mul[o] * acc + add[o]}. */
    record Affine(float[] mul, float[] add) implements OutputStage {
        @Override
        public Kind kind() {
            return Kind.AFFINE;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.affine(this);
        }
    }

    /**
     * {@code y[o] = +1} if {@code acc >= t[o]} ({@code flip[o]} false) or {@code acc <= t[o]} (true), else -1, for
     * an integer accumulator (see {@link LinearSpec#integerAccumulator()}).
     */
    record IntThresholds(int[] thresholds, boolean[] flip) implements OutputStage {
        @Override
        public Kind kind() {
            return Kind.THRESHOLD;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.intThresholds(this);
        }
    }

    /** As {@link IntThresholds}, for a real-valued accumulator (float32 thresholds). */
    record FloatThresholds(float[] thresholds, boolean[] flip) implements OutputStage {
        @Override
        public Kind kind() {
            return Kind.THRESHOLD;
        }

        @Override
        public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
            return visitor.floatThresholds(this);
        }
    }
}
