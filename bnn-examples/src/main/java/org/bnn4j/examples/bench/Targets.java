package org.bnn4j.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets, each a ratio measured in this run: met or missed, side by side with the measured value.
 *
 * <pre>{@code
 * targets.atLeast("MLP-4096 batch 1: runtime vs DL4J float", 63.2, 50);
 * }</pre>
 */
public final class Targets {
    private final Table table = new Table("Targets (ratios from this run)", "target", "measured", "goal", "met");

    /** A target that wants {@code measured >= goal}. */
    public void atLeast(String what, double measured, double goal, String unit) {
        add(what, measured, ">= " + format(goal, unit), measured >= goal, unit);
    }

    /** A target that wants {@code measured <= goal}. */
    public void atMost(String what, double measured, double goal, String unit) {
        add(what, measured, "<= " + format(goal, unit), measured <= goal, unit);
    }

    private void add(String what, double measured, String goal, boolean met, String unit) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("target", what);
        raw.put("measured", measured);
        raw.put("goal", goal);
        raw.put("met", met);
        table.row(raw, what, format(measured, unit), goal, met ? "yes" : "**no**");
    }

    private static String format(double v, String unit) {
        return "x".equals(unit) ? Table.ratio(v) : String.format("%.3g %s", v, unit);
    }

    public Table table() {
        return table;
    }

    public List<Map<String, Object>> records() {
        return new ArrayList<>(table.records());
    }
}
