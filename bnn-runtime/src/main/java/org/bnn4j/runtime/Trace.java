package org.bnn4j.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every op's output for one example, by op name (the DL4J layer or vertex whose output it is), for debugging and
 * for checking the runtime against DL4J layer by layer. Binary (±1) outputs are given as floats -1 and +1.
 *
 * <pre>{@code
 * Trace trace = model.trace(input);
 * for (String name : trace.names()) {
 *     System.out.println(name + " " + Arrays.toString(trace.shape(name)) + (trace.isBinary(name) ? " ±1" : ""));
 * }
 * float[] hidden = trace.values("sign1");
 * }</pre>
 */
public final class Trace {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(int[] shape, float[] values, boolean binary) {
    }

    Trace() {
    }

    void add(String name, int[] shape, float[] values, boolean binary) {
        entries.put(name, new Entry(shape.clone(), values, binary));
    }

    /** Op names in execution order. */
    public List<String> names() {
        return Collections.unmodifiableList(List.copyOf(entries.keySet()));
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The op's output, flattened C, H, W (a copy). */
    public float[] values(String name) {
        return entry(name).values.clone();
    }

    /** {@code [features]} or {@code [channels, height, width]}. */
    public int[] shape(String name) {
        return entry(name).shape.clone();
    }

    /** Whether the op's output is ±1 (kept packed as bits by the runtime). */
    public boolean isBinary(String name) {
        return entry(name).binary;
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no op named '" + name + "' in this trace; ops: " + entries.keySet());
        }
        return e;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Trace{");
        entries.forEach((name, e) -> sb.append('\n').append("  ").append(name).append(' ')
                .append(Arrays.toString(e.shape)).append(e.binary ? " (±1)" : ""));
        return sb.append("\n}").toString();
    }
}
