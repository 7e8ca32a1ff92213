package org.bnn4j.runtime.format;

/**
 * How a dense or convolution op reads its input: as is, or binarized with sign (x < 0 gives -1, else +1).
 *
 * <pre>{@code
 * InputMode mode = layerHasSignInputQuantizer ? InputMode.SIGN : InputMode.REAL;
 * }</pre>
 */
public enum InputMode implements Coded {
    REAL(0), SIGN(1);

    private final int code;

    InputMode(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** @return the constant with this code, or null if there is none */
    public static InputMode fromCode(int code) {
        return Coded.find(values(), code);
    }
}
