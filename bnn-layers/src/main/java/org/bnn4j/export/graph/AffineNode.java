package org.bnn4j.export.graph;

/**
 * Per-channel {@code y = mul * x + add} in float32: a BatchNorm with nothing to fold into.
 *
 * <pre>{@code
 * new AffineNode(new float[]{0.5f}, new float[]{1f});
 * }</pre>
 */
public record AffineNode(float[] mul, float[] add) implements NodeOp {
    @Override
    public String describe() {
        return "AFFINE";
    }
}
