package org.bnn4j.runtime.format;

/**
 * POOL2D: max or average over a window of each channel. Max ignores padding. Average divides by
 * {@code kernelH * kernelW} (padding counts as zeros) or, with {@code divideByValidCount}, by the number of taps
 * inside the input.
 *
 * <pre>{@code
 * new PoolSpec("pool1", 3, PoolKind.MAX, new Window(2, 2, 2, 2, 1, 1, 0, 0, 0, 0), false);
 * }</pre>
 */
public record PoolSpec(String name, int input, PoolKind kind, Window window, boolean divideByValidCount)
        implements OpSpec {
    @Override
    public OpCode opCode() {
        return OpCode.POOL2D;
    }

    @Override
    public int[] inputs() {
        return new int[]{input};
    }

    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
        return visitor.pool(this);
    }
}
