package org.bnn4j.runtime.format;

/**
 * Element-wise activations (and softmax) of the ACTIVATION op. Two float parameters a and b: CLAMP's lower and
 * upper bound, LEAKY_RELU's negative slope (a); the others ignore them (written as 0).
 *
 * <pre>{@code
 * new ActivationSpec("relu6", 3, ActivationKind.CLAMP, 0f, 6f);
 * }</pre>
 */
public enum ActivationKind implements Coded {
    SIGN(1), CLAMP(2), LEAKY_RELU(3), TANH(4), SIGMOID(5), SOFTMAX(6);

    private final int code;

    ActivationKind(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** @return the constant with this code, or null if there is none */
    public static ActivationKind fromCode(int code) {
        return Coded.find(values(), code);
    }
}
