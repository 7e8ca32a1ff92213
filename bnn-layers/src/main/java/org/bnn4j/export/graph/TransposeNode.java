package org.bnn4j.export.graph;

/**
 * The axes of a rank-3 value in a new order (the format's TRANSPOSE): axes {2, 0, 1} turn a channels-last input
 * [H, W, C] into the [C, H, W] bnn4j's layers use (DL4J's NhwcToNchwPreProcessor).
 *
 * <pre>{@code
 * new TransposeNode(new int[]{2, 0, 1});
 * }</pre>
 */
public record TransposeNode(int[] axes) implements NodeOp {
    public TransposeNode {
        axes = axes.clone();
    }

    @Override
    public int[] axes() {
        return axes.clone();
    }

    @Override
    public String describe() {
        return "TRANSPOSE " + java.util.Arrays.toString(axes);
    }
}
