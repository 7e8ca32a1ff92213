package org.bnn4j.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to a Keras JSON config object, with errors that name the file, the layer and the field.
 *
 * <pre>{@code
 * ConfigReader c = new ConfigReader("model.h5", layer);
 * int filters = c.integer("filters");
 * }</pre>
 */
final class ConfigReader {
    private final String file;
    private final String where;
    private final Map<String, Object> config;

    ConfigReader(String file, KerasLayerConfig layer) {
        this(file, layer.describe(), layer.config());
    }

    ConfigReader(String file, String where, Map<String, Object> config) {
        this.file = file;
        this.where = where;
        this.config = config;
    }

    KerasImportException error(String field, String problem) {
        return new KerasImportException(file + ": " + where + ", field '" + field + "': " + problem);
    }

    boolean has(String field) {
        return config.get(field) != null;
    }

    Object raw(String field) {
        return config.get(field);
    }

    String string(String field, String fallback) {
        return typed(field, fallback, String.class, "a string");
    }

    boolean bool(String field, boolean fallback) {
        return typed(field, fallback, Boolean.class, "true or false");
    }

    double number(String field, double fallback) {
        return typed(field, (Number) fallback, Number.class, "a number").doubleValue();
    }

    private <T> T typed(String field, T fallback, Class<T> type, String expected) {
        Object v = config.get(field);
        if (v == null) {
            return fallback;
        }
        if (!type.isInstance(v)) {
            throw error(field, "expected " + expected + ", got " + v);
        }
        return type.cast(v);
    }

    int integer(String field) {
        Object v = config.get(field);
        if (!(v instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() <= 0) {
            throw error(field, "expected a positive integer, got " + v);
        }
        return n.intValue();
    }

    /** A pair such as kernel_size or strides; Keras also accepts a single integer for both. */
    int[] pair(String field, int fallback) {
        Object v = config.get(field);
        if (v == null) {
            return new int[]{fallback, fallback};
        }
        if (v instanceof Number) {
            int n = integer(field);
            return new int[]{n, n};
        }
        List<Integer> values = positiveIntegers(field, v);
        if (values.size() != 2) {
            throw error(field, "expected two values, got " + v);
        }
        return new int[]{values.get(0), values.get(1)};
    }

    /** A shape with an optional leading batch dimension of null, e.g. [null, 30, 30, 3]. */
    List<Integer> shape(String field, boolean withBatch) {
        Object v = config.get(field);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw error(field, "expected a shape, got " + v);
        }
        return positiveIntegers(field, withBatch ? list.subList(1, list.size()) : list);
    }

    /** A reader for a nested config object, e.g. the config of a quantizer in field {@code kernel_quantizer}. */
    ConfigReader nested(String field, Map<String, Object> nestedConfig) {
        return new ConfigReader(file, where + ", field '" + field + "'", nestedConfig);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String field) {
        Object v = config.get(field);
        if (v != null && !(v instanceof Map)) {
            throw error(field, "expected an object, got " + v);
        }
        return (Map<String, Object>) v;
    }

    private List<Integer> positiveIntegers(String field, Object v) {
        if (!(v instanceof List<?> list)) {
            throw error(field, "expected a list of positive integers, got " + v);
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() <= 0) {
                throw error(field, "expected a list of positive integers, got " + v);
            }
            out.add(n.intValue());
        }
        return out;
    }
}
