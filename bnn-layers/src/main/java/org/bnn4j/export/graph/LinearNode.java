package org.bnn4j.export.graph;

import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.Window;

/**
 * A dense ({@code window == null}) or convolution node: sign or real input, a {@link Kernel}, and either a
 * {@link ChannelTransform} still to be lowered or the format's final {@link OutputStage}.
 *
 * <pre>{@code
 * LinearNode n = new LinearNode(784, 256, null, 0, false, weights, ChannelTransform.linear(ones, bias), null);
 * }</pre>
 *
 * @param transform the stage before lowering (null once {@code stage} is set)
 * @param groups    1, or the groups of a grouped (depthwise: nIn) convolution; weight rows hold nIn / groups channels
 * @param stage     the format's stage after lowering (null before)
 */
public record LinearNode(int nIn, int nOut, Window window, int padValue, boolean signInput, LinearWeights weights,
                         ChannelTransform transform, OutputStage stage, int groups) implements NodeOp {

    /** An ungrouped node. */
    public LinearNode(int nIn, int nOut, Window window, int padValue, boolean signInput, LinearWeights weights,
                      ChannelTransform transform, OutputStage stage) {
        this(nIn, nOut, window, padValue, signInput, weights, transform, stage, 1);
    }

    public int taps() {
        return window == null ? 1 : window.taps();
    }

    /** Input channels each output reads: nIn / groups. */
    public int channelsPerGroup() {
        return nIn / groups;
    }

    /** Inputs per output: channelsPerGroup * taps, the length of a weight row. */
    public long reductionLength() {
        return (long) channelsPerGroup() * taps();
    }

    public LinearNode withWeights(LinearWeights k) {
        return new LinearNode(nIn, nOut, window, padValue, signInput, k, transform, stage, groups);
    }

    public LinearNode withTransform(ChannelTransform t) {
        return new LinearNode(nIn, nOut, window, padValue, signInput, weights, t, null, groups);
    }

    public LinearNode withStage(OutputStage s) {
        return new LinearNode(nIn, nOut, window, padValue, signInput, weights, null, s, groups);
    }

    public LinearNode withSignInput() {
        return new LinearNode(nIn, nOut, window, padValue, true, weights, transform, stage, groups);
    }

    /** Whether the accumulator is an integer: the format's rule, on the weights' kind once decomposed. */
    public boolean integerAccumulator() {
        return LinearSpec.integerAccumulator(signInput ? InputMode.SIGN : InputMode.REAL, weights.formatKind());
    }

    /** Binary or ternary weights on sign inputs: multiply-accumulates done with XNOR and popcount. */
    public boolean binaryArithmetic() {
        return signInput && weights.precision() <= 2;
    }

    @Override
    public String describe() {
        return (window == null ? "DENSE " : "CONV2D ") + weights.describe() + ", " + (signInput ? "sign" : "real")
                + " input" + (stage instanceof OutputStage.IntThresholds || stage instanceof OutputStage.FloatThresholds
                ? ", thresholds" : "");
    }
}
