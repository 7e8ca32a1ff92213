package org.bnn4j.runtime.format;

/**
 * TRANSPOSE (format version 3): the axes of a rank-3 value in a new order, output dimension {@code i} being input
 * dimension {@code axes[i]}. bnn4j's exporter puts one first for models that take channels-last images (imported
 * from Keras): axes {2, 0, 1} turn [H, W, C] into [C, H, W].
 *
 * <pre>{@code
 * new TransposeSpec("input/nhwc-to-nchw", 0, new int[]{2, 0, 1});
 * }</pre>
 */
public record TransposeSpec(String name, int input, int[] axes) implements OpSpec {
    public TransposeSpec {
        axes = axes.clone();
    }

    @Override
    public int[] axes() {
        return axes.clone();
    }

    /** The shape of the output for an input of shape {@code in} (the axes must be a permutation of its rank). */
    public ValueShape outputShape(ValueShape in) {
        int[] d = in.dims();
        return ValueShape.image(d[axes[0]], d[axes[1]], d[axes[2]]);
    }

    @Override
    public OpCode opCode() {
        return OpCode.TRANSPOSE;
    }

    @Override
    public int[] inputs() {
        return new int[]{input};
    }

    @Override
    public <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X {
        return visitor.transpose(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransposeSpec t && t.name.equals(name) && t.input == input
                && java.util.Arrays.equals(t.axes, axes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, input, java.util.Arrays.hashCode(axes));
    }
}
