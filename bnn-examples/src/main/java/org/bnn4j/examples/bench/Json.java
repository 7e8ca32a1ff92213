package org.bnn4j.examples.bench;

import java.util.Collection;
import java.util.Map;

/** A small JSON writer for the benchmark's results (maps, lists, strings, numbers, booleans, null). */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, "");
        return sb.append('\n').toString();
    }

    private static void write(Object v, StringBuilder sb, String indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> map) {
            String inner = indent + "  ";
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "\n" : ",\n").append(inner);
                string(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                write(e.getValue(), sb, inner);
                first = false;
            }
            sb.append(first ? "}" : "\n" + indent + "}");
        } else if (v instanceof Collection<?> list) {
            String inner = indent + "  ";
            sb.append('[');
            boolean first = true;
            for (Object item : list) {
                sb.append(first ? "\n" : ",\n").append(inner);
                write(item, sb, inner);
                first = false;
            }
            sb.append(first ? "]" : "\n" + indent + "]");
        } else if (v instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(java.util.Locale.ROOT, "%.6g", d));
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(v.toString(), sb);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
