package org.bnn4j.runtime.format;

/**
 * ACTIVATION: an element-wise function, or softmax over a vector. {@code a}, {@code b}: CLAMP's bounds,
 * LEAKY_RELU's slope (a); 0 otherwise.
 *
 * <pre>{@code
 * new ActivationSpec("relu1", 4, ActivationKind.CLAMP, 0f, Float.POSITIVE_INFINITY);   // ReLU
 * }</pre>
 */
public record ActivationSpec(String name, int input, ActivationKind kind, float a, float b) implements OpSpec {
    @Override
    public OpCode opCode() {
        return OpCode.ACTIVATION;
    }

    @Override
    public int[] inputs() {
        return new int[]{input};
    }

    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
        return visitor.activation(this);
    }
}
