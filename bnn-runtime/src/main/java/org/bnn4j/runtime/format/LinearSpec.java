package org.bnn4j.runtime.format;

/**
 * A DENSE op ({@code window == null}: input {@code [nIn]}, output {@code [nOut]}) or a CONV2D op (input
 * {@code [nIn, H, W]}, output {@code [nOut, outH, outW]}). A convolution may be grouped: its {@code groups}
 * divide both {@code nIn} and {@code nOut}, and output channel {@code o} reads only the {@code nIn / groups}
 * input channels of group {@code g = o / (nOut / groups)}, {@code g * nIn / groups} onwards (depthwise:
 * {@code groups == nIn}). For output channel o (and position), with taps {@code k} over the window and the
 * group's input channels:
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
 *
 * // a depthwise 3x3 convolution of 32 channels, two outputs per channel: weights [64][3][3][1 channel]
 * new LinearSpec("dw1", 4, InputMode.SIGN, 64, 32, same3x3, 1, binary64x9x1, thresholds, 32);
 * }</pre>
 *
 * @param padValue 0, +1 or -1 (always 0 for a dense op)
 * @param groups   1 for an ordinary convolution and for a dense op
 */
public record LinearSpec(String name, int input, InputMode inputMode, int nOut, int nIn, Window window, int padValue,
                         Weights weights, OutputStage stage, int groups) implements OpSpec {

    /** What {@link #integerAccumulator()} requires, for messages. */
    public static final String INTEGER_ACCUMULATOR_RULE = "SIGN input with BINARY or TERNARY (unscaled) weights";

    /** An ungrouped op ({@code groups = 1}). */
    public LinearSpec(String name, int input, InputMode inputMode, int nOut, int nIn, Window window, int padValue,
                      Weights weights, OutputStage stage) {
        this(name, input, inputMode, nOut, nIn, window, padValue, weights, stage, 1);
    }

    /** The same op with {@code groups} groups (its weights must have rows of {@code nIn / groups} channels). */
    public LinearSpec withGroups(int groups) {
        return new LinearSpec(name, input, inputMode, nOut, nIn, window, padValue, weights, stage, groups);
    }

    /** The same op with another output stage. */
    public LinearSpec withStage(OutputStage stage) {
        return new LinearSpec(name, input, inputMode, nOut, nIn, window, padValue, weights, stage, groups);
    }

    public boolean isConvolution() {
        return window != null;
    }

    /** Kernel taps per output: kernelH * kernelW, 1 for a dense op. */
    public int taps() {
        return window == null ? 1 : window.taps();
    }

    /** Input channels each output reads, the channels of one weight row: {@code nIn / groups}. */
    public int channelsPerGroup() {
        return nIn / groups;
    }

    /** Output channels per group: {@code nOut / groups}. */
    public int outputsPerGroup() {
        return nOut / groups;
    }

    /** Inputs per output ({@code nIn / groups * taps}). */
    public long reductionLength() {
        return (long) channelsPerGroup() * taps();
    }

    /**
     * Whether acc is an integer, which the format requires to be compared with int32 thresholds: SIGN input with
     * integer-valued weights ({@link Weights.Kind#integerValued()}: BINARY or unscaled TERNARY).
     */
    public boolean integerAccumulator() {
        return integerAccumulator(inputMode, weights.kind());
    }

    /**
     * The one rule: the accumulator of an op reading {@code inputMode} with weights of {@code kind} is an integer
     * (and its thresholds int32) iff the input is SIGN and the weights integer-valued. The exporter's graph asks it
     * too, before its weights are packed.
     */
    public static boolean integerAccumulator(InputMode inputMode, Weights.Kind kind) {
        return inputMode == InputMode.SIGN && kind.integerValued();
    }

    /** Version 1 has no groups field: a grouped convolution needs version 2. */
    @Override
    public int minimumFormatVersion() {
        return groups == 1 ? OpSpec.super.minimumFormatVersion() : Format.GROUPS_SINCE_VERSION;
    }

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
