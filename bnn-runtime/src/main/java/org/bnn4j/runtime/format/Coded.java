package org.bnn4j.runtime.format;

/**
 * An enum constant stored in a file as a one-byte code.
 *
 * <pre>{@code
 * PoolKind kind = Coded.find(PoolKind.values(), 2);   // AVG
 * }</pre>
 */
public interface Coded {
    int code();

    /** @return the constant among {@code values} with this code, or null if there is none */
    static <E extends Coded> E find(E[] values, int code) {
        for (E e : values) {
            if (e.code() == code) {
                return e;
            }
        }
        return null;
    }
}
