package org.bnn4j.runtime.format;

/**
 * RESHAPE: the same elements in the same row-major order under a new shape (DL4J's CnnToFeedForward and
 * FeedForwardToCnn preprocessors).
 *
 * <pre>{@code
 * new ReshapeSpec("flatten", 4, ValueShape.vector(16 * 7 * 7));
 * }</pre>
 */
public record ReshapeSpec(String name, int input, ValueShape shape) implements OpSpec {
    @Override
    public OpCode opCode() {
        return OpCode.RESHAPE;
    }

    @Override
    public int[] inputs() {
        return new int[]{input};
    }

    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
        return visitor.reshape(this);
    }
}
