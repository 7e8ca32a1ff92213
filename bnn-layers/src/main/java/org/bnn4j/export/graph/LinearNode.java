package org.bnn4j.export.graph;

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
 * @param stage     the format's stage after lowering (null before)
 */
public record LinearNode(int nIn, int nOut, Window window, int padValue, boolean signInput, LinearWeights weights,
                         ChannelTransform transform, OutputStage stage) implements NodeOp {

    public int taps() {
        return window == null ? 1 : window.taps();
    }

    public long reductionLength() {
        return (long) nIn * taps();
    }

    public LinearNode withWeights(LinearWeights k) {
        return new LinearNode(nIn, nOut, window, padValue, signInput, k, transform, stage);
    }

    public LinearNode withTransform(ChannelTransform t) {
        return new LinearNode(nIn, nOut, window, padValue, signInput, weights, t, null);
    }

    public LinearNode withStage(OutputStage s) {
        return new LinearNode(nIn, nOut, window, padValue, signInput, weights, null, s);
    }

    /** Whether the accumulator is an integer: sign input and ±1 or unscaled ternary weights. */
    public boolean integerAccumulator() {
        if (!signInput) {
            return false;
        }
        if (weights instanceof LinearWeights.Binary) {
            return true;
        }
        return weights instanceof LinearWeights.Ternary t && t.positiveScale() == null;
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
