package org.bnn4j.runtime.format;

/**
 * Reduction of a POOL2D or GLOBAL_POOL op (SUM is only defined for GLOBAL_POOL).
 *
 * <pre>{@code
 * new GlobalPoolSpec("gap", 9, PoolKind.AVG);
 * }</pre>
 */
public enum PoolKind implements Coded {
    MAX(1), AVG(2), SUM(3);

    private final int code;

    PoolKind(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** @return the constant with this code, or null if there is none */
    public static PoolKind fromCode(int code) {
        return Coded.find(values(), code);
    }
}
