package org.bnn4j.examples.ablation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One cell of the BinaryNet tweak matrix: weight clipping on or off, dropout off or on, gradient clipping off or
 * on. Its {@link #name()} is its directory under the ablation's {@code --out} and its value for {@code --cells}.
 *
 * <pre>{@code
 * List<Cell> all = Cell.all();                           // 8 cells, BinaryNet's own setting first
 * List<Cell> two = Cell.parse("wclip-on_dropout-off_gclip-off,wclip-off_dropout-on_gclip-on");
 * List<String> flags = two.get(1).trainFlags(0.2, 0.5, 1.0); // --no-weight-clip --dropout-input 0.2 ...
 * }</pre>
 */
public record Cell(boolean weightClip, boolean dropout, boolean gradientClip) {

    /** The 8 cells in report order: weight clipping {on, off} x dropout {off, on} x gradient clipping {off, on}. */
    public static List<Cell> all() {
        List<Cell> cells = new ArrayList<>();
        for (boolean w : new boolean[]{true, false}) {
            for (boolean d : new boolean[]{false, true}) {
                for (boolean g : new boolean[]{false, true}) {
                    cells.add(new Cell(w, d, g));
                }
            }
        }
        return cells;
    }

    /** E.g. {@code wclip-on_dropout-off_gclip-off}: readable on disk and on the command line. */
    public String name() {
        return "wclip-" + onOff(weightClip) + "_dropout-" + onOff(dropout) + "_gclip-" + onOff(gradientClip);
    }

    /**
     * The cells a comma-separated {@code --cells} value names, in matrix order, each once; "all" is every cell.
     *
     * @throws IllegalArgumentException naming a value that is no cell, with the valid names
     */
    public static List<Cell> parse(String list) {
        if (list.trim().equalsIgnoreCase("all")) {
            return all();
        }
        Set<Cell> chosen = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String wanted = part.trim().toLowerCase(Locale.ROOT);
            chosen.add(all().stream().filter(c -> c.name().equals(wanted)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("--cells: '" + part.trim() + "' is not a cell; cells are all or "
                            + String.join(", ", all().stream().map(Cell::name).toList()))));
        }
        return all().stream().filter(chosen::contains).toList();
    }

    /** The train options that set this cell's tweaks; the "on" values are the ablation's options. */
    public List<String> trainFlags(double inputDropout, double hiddenDropout, double gradientThreshold) {
        List<String> flags = new ArrayList<>();
        if (!weightClip) {
            flags.add("--no-weight-clip");
        }
        if (dropout) {
            flags.addAll(List.of("--dropout-input", Double.toString(inputDropout),
                    "--dropout-hidden", Double.toString(hiddenDropout)));
        }
        if (gradientClip) {
            flags.addAll(List.of("--clip-gradients", Double.toString(gradientThreshold)));
        }
        return flags;
    }

    static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
