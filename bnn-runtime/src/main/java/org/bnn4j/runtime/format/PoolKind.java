package org.bnn4j.runtime.format;

/**
 * Reduction of a POOL2D or GLOBAL_POOL op (SUM is only defined for GLOBAL_POOL).
 *
 * <pre>{@code
 * new GlobalPoolSpec("gap", 9, PoolKind.AVG);
 * }</pre>
 */
public enum PoolKind implements Coded {
    MAX(1, true), AVG(2, false), SUM(3, false);

    private final int code;
    private final boolean commutesWithSign;

    PoolKind(int code, boolean commutesWithSign) {
        this.code = code;
        this.commutesWithSign = commutesWithSign;
    }

    /**
     * Whether pooling commutes with sign: sign(pool(x)) = pool(sign(x)). True for MAX (sign is monotone, so the sign of
     * the largest value is the largest sign), false for AVG and SUM. The one rule behind pooling bits in the runtime and
     * thresholds before a pool in the exporter.
     */
    public boolean commutesWithSign() {
        return commutesWithSign;
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
