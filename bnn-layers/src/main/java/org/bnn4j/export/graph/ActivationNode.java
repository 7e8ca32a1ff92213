package org.bnn4j.export.graph;

import org.bnn4j.runtime.format.ActivationKind;

/**
 * An activation in the format's terms (sign, clamp, leaky ReLU, tanh, sigmoid, softmax).
 *
 * <pre>{@code
 * new ActivationNode(ActivationKind.CLAMP, 0f, Float.POSITIVE_INFINITY);   // ReLU
 * }</pre>
 */
public record ActivationNode(ActivationKind kind, float a, float b) implements NodeOp {

    public static ActivationNode sign() {
        return new ActivationNode(ActivationKind.SIGN, 0, 0);
    }

    public boolean isSign() {
        return kind == ActivationKind.SIGN;
    }

    @Override
    public String describe() {
        return "ACTIVATION " + kind;
    }
}
