package org.bnn4j.runtime.format;

/**
 * An enum constant stored in a file as a one-byte code.
 *
 * <pre>{@code
 * PoolKind kind = Coded.find(PoolKind.values(), 2);   // AVG
 * Coded.list(PoolKind.values());                      // "1 (MAX), 2 (AVG) or 3 (SUM)"
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

    /** The codes and names of {@code values}, for messages: {@code "0 (REAL) or 1 (SIGN)"}. */
    static <E extends Coded> String list(E[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : i == values.length - 1 ? " or " : ", ").append(values[i].code())
                    .append(" (").append(values[i]).append(')');
        }
        return sb.toString();
    }
}
