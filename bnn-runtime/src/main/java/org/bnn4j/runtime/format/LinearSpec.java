package org.bnn4j.runtime.format;

/**
 * A DENSE op ({@code window == null}: input {@code [nIn]}, output {@code [nOut]}) or a CONV2D op (input
 * {@code [nIn, H, W]}, output {@code [nOut, outH, outW]}). For output channel o (and position), with taps
 * {@code k} over the window and input channels:
 * <pre>
 *   x_k   = input value, sign(input) in SIGN mode; a tap in the padding is padValue (+1 or -1),
 *           or is left out of the sum when padValue is 0
 *   acc_o = sum_k w[o][k] * x_k        (TERNARY_SCALED: wp[o] * sum(x where +1) - wn[o] * sum(x where -1))
 *   y_o   = stage(acc_o)
 * </pre>
 *
 * <pre>{@code
 * // 3 sign inputs -> 2 outputs with binary weights and integer thresholds
 * new LinearSpec("dense0", 0, InputMode.SIGN, 2, 3, null, 0,
 *         new Weights.Binary(new long[]{0b010, 0b111}),
 *         new OutputStage.IntThresholds(new int[]{1, 0}, new boolean[]{false, false}));
 * }</pre>
 *
 * @param padValue 0, +1 or -1 (always 0 for a dense op)
 */
public record LinearSpec(String name, int input, InputMode inputMode, int nOut, int nIn, Window window, int padValue,
                         Weights weights, OutputStage stage) implements OpSpec {

    public boolean isConvolution() {
        return window != null;
    }

    /** Kernel taps per output: kernelH * kernelW, 1 for a dense op. */
    public int taps() {
        return window == null ? 1 : window.taps();
    }

    /** Inputs per output (nIn * taps). */
    public long reductionLength() {
        return (long) nIn * taps();
    }

    /**
     * Whether acc is an integer, which the format requires to be compared with int32 thresholds: SIGN input with
     * integer-valued weights ({@link Weights.Kind#integerValued()}: BINARY or unscaled TERNARY).
     */
    public boolean integerAccumulator() {
        return inputMode == InputMode.SIGN && weights.kind().integerValued();
    }

    /** What {@link #integerAccumulator()} requires, for messages. */
    public static final String INTEGER_ACCUMULATOR_RULE = "SIGN input with BINARY or TERNARY (unscaled) weights";

    @Override
    public OpCode opCode() {
        return window == null ? OpCode.DENSE : OpCode.CONV2D;
    }

    @Override
    public int[] inputs() {
        return new int[]{input};
    }

    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
        return visitor.linear(this);
    }
}
