package org.bnn4j.runtime.format;

/**
 * AFFINE: {@code y[c, ...] = mul[c] * x[c, ...] + add[c]} per channel (per feature for a vector): a BatchNorm
 * that could not be folded into the op before it.
 *
 * <pre>{@code
 * new AffineSpec("bn3", 5, new float[]{0.5f, 2f}, new float[]{0f, -1f});
 * }</pre>
 */
public record AffineSpec(String name, int input, float[] mul, float[] add) implements OpSpec {
    @Override
    public OpCode opCode() {
        return OpCode.AFFINE;
    }

    @Override
    public int[] inputs() {
        return new int[]{input};
    }

    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
        return visitor.affine(this);
    }
}
