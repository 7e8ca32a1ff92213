package org.bnn4j.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One section's results: a Markdown table for people and, row by row, the raw numbers for the JSON file.
 *
 * <pre>{@code
 * Table t = new Table("Model size", "model", "packed bytes", "ratio");
 * t.row(Map.of("model", "mlp", "packedBytes", 123), "mlp", "123", "30.1x");
 * }</pre>
 */
public final class Table {
    private final String title;
    private final List<String> headers;
    private final List<List<String>> cells = new ArrayList<>();
    private final List<Map<String, Object>> records = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    /** A row: its raw values (for JSON, in insertion order) and its formatted cells (one per header). */
    public void row(Map<String, Object> raw, String... formatted) {
        if (formatted.length != headers.size()) {
            throw new IllegalArgumentException(title + ": " + formatted.length + " cells for " + headers.size() + " columns");
        }
        cells.add(List.of(formatted));
        records.add(new LinkedHashMap<>(raw));
    }

    /** A line printed under the table (what was measured, how). */
    public void note(String note) {
        notes.add(note);
    }

    public String title() {
        return title;
    }

    public List<Map<String, Object>> records() {
        return records;
    }

    public List<String> notes() {
        return notes;
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n|");
        headers.forEach(h -> sb.append(' ').append(h).append(" |"));
        sb.append("\n|");
        for (int i = 0; i < headers.size(); i++) {
            sb.append(i == 0 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<String> row : cells) {
            sb.append('|');
            row.forEach(c -> sb.append(' ').append(c).append(" |"));
            sb.append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    /** Formats milliseconds with three significant digits. */
    static String ms(double millis) {
        return millis >= 100 ? String.format("%.0f", millis) : millis >= 10 ? String.format("%.1f", millis)
                : millis >= 1 ? String.format("%.2f", millis) : String.format("%.3f", millis);
    }

    static String ratio(double r) {
        return r >= 100 ? String.format("%.0fx", r) : r >= 10 ? String.format("%.1fx", r) : String.format("%.2fx", r);
    }

    static String bytes(long b) {
        return b >= 10L << 20 ? String.format("%.1f MB", b / 1048576.0) : b >= 10L << 10
                ? String.format("%.1f KB", b / 1024.0) : b + " B";
    }
}
