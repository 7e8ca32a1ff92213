package org.bnn4j.runtime.format;

/**
 * The operations of the format, with the byte that identifies each in a file, how many inputs it takes (the
 * reader and the validator both check that, here) and the format version that introduced it.
 *
 * <pre>{@code
 * OpCode op = OpCode.fromCode(2);   // CONV2D; null for an unknown code
 * op.acceptsInputs(1);              // true
 * }</pre>
 */
public enum OpCode implements Coded {
    DENSE(1, 1, 1, 1), CONV2D(2, 1, 1, 1), AFFINE(3, 1, 1, 1), ACTIVATION(4, 1, 1, 1), POOL2D(5, 1, 1, 1),
    GLOBAL_POOL(6, 1, 1, 1), ADD(7, 2, Format.MAX_OP_INPUTS, 1), RESHAPE(8, 1, 1, 1),
    TRANSPOSE(9, 1, 1, Format.TRANSPOSE_SINCE_VERSION);

    private final int code;
    private final int minInputs;
    private final int maxInputs;
    private final int sinceVersion;

    OpCode(int code, int minInputs, int maxInputs, int sinceVersion) {
        this.code = code;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.sinceVersion = sinceVersion;
    }

    /** The first format version that has this op. */
    public int sinceVersion() {
        return sinceVersion;
    }

    @Override
    public int code() {
        return code;
    }

    public boolean acceptsInputs(int count) {
        return count >= minInputs && count <= maxInputs;
    }

    /** {@code "1 input"} or {@code "2 to 255 inputs"}, for messages. */
    public String arity() {
        return minInputs == maxInputs ? minInputs + (minInputs == 1 ? " input" : " inputs")
                : minInputs + " to " + maxInputs + " inputs";
    }

    /** @return the constant with this code, or null if there is none */
    public static OpCode fromCode(int code) {
        return Coded.find(values(), code);
    }
}
