package org.bnn4j.runtime.format;

/**
 * GLOBAL_POOL: max, average or sum of each channel of an image, {@code [C, H, W] -> [C]}.
 *
 * <pre>{@code
 * new GlobalPoolSpec("gap", 7, PoolKind.AVG);
 * }</pre>
 */
public record GlobalPoolSpec(String name, int input, PoolKind kind) implements OpSpec {
    @Override
    public OpCode opCode() {
        return OpCode.GLOBAL_POOL;
    }

    @Override
    public int[] inputs() {
        return new int[]{input};
    }

    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
        return visitor.globalPool(this);
    }
}
