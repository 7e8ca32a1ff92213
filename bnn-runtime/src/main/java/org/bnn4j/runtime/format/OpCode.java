package org.bnn4j.runtime.format;

/**
 * The operations of format version 1, with the byte that identifies each in a file.
 *
 * <pre>{@code
 * OpCode op = OpCode.fromCode(2);   // CONV2D; null for an unknown code
 * }</pre>
 */
public enum OpCode implements Coded {
    DENSE(1), CONV2D(2), AFFINE(3), ACTIVATION(4), POOL2D(5), GLOBAL_POOL(6), ADD(7), RESHAPE(8);

    private final int code;

    OpCode(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** @return the constant with this code, or null if there is none */
    public static OpCode fromCode(int code) {
        return Coded.find(values(), code);
    }
}
