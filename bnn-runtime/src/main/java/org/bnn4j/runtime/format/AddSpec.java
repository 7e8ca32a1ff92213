package org.bnn4j.runtime.format;

/**
 * ADD: element-wise sum of two or more values of the same shape (a residual connection).
 *
 * <pre>{@code
 * new AddSpec("add1", new int[]{2, 5});
 * }</pre>
 */
public record AddSpec(String name, int[] inputs) implements OpSpec {
    @Override
    public OpCode opCode() {
        return OpCode.ADD;
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
        return visitor.add(this);
    }
}
