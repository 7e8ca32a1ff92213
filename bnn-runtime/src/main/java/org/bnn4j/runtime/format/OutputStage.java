package org.bnn4j.runtime.format;

/**
 * What a DENSE or CONV2D op does with each output channel's accumulator {@code acc}: a per-channel affine map
 * (real output), or a comparison with a per-channel threshold (±1 output), the form BatchNorm followed by sign
 * folds into.
 *
 * <pre>{@code
 * // +1 where acc >= 3 for channel 0, where acc <= -1 for channel 1 (a BatchNorm with negative gamma)
 * OutputStage s = new OutputStage.IntThresholds(new int[]{3, -1}, new boolean[]{false, true});
 * }</pre>
 */
public sealed interface OutputStage {

    /** Format code of the stage. */
    int code();

    /** {@code y[o] = mul[o] * acc + add[o]}. */
    record Affine(float[] mul, float[] add) implements OutputStage {
        @Override
        public int code() {
            return 0;
        }
    }

    /**
     * {@code y[o] = +1} if {@code acc >= t[o]} ({@code flip[o]} false) or {@code acc <= t[o]} (true), else -1, for
     * an integer accumulator (sign input with binary or unscaled ternary weights).
     */
    record IntThresholds(int[] thresholds, boolean[] flip) implements OutputStage {
        @Override
        public int code() {
            return 1;
        }
    }

    /** As {@link IntThresholds}, for a real-valued accumulator (float32 thresholds). */
    record FloatThresholds(float[] thresholds, boolean[] flip) implements OutputStage {
        @Override
        public int code() {
            return 1;
        }
    }
}
