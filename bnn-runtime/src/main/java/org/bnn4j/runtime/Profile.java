package org.bnn4j.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where one prediction's time goes: each op's median wall time over repeated runs, with its multiply-accumulates
 * and the rate they ran at, so the slowest op is obvious. Made by {@link BnnModel#profile(float[], int)}.
 *
 * <pre>{@code
 * Profile p = model.profile(image, 50);
 * System.out.print(p);                       // a table, slowest ops marked
 * Profile.Op slowest = p.slowest();
 * System.out.println(slowest.name() + " " + slowest.millis() + " ms, " + slowest.gigaMacsPerSecond() + " G MAC/s");
 * }</pre>
 */
public final class Profile {
    /**
     * One op.
     *
     * @param name   the DL4J layer or vertex it computes
     * @param kind   its op code (DENSE, CONV2D, ...)
     * @param shape  its output shape for one example
     * @param millis median wall time per run, conversions into the form it reads included
     * @param macs   multiply-accumulates per example (0 for ops without)
     */
    public record Op(String name, String kind, int[] shape, double millis, long macs) {
        /** {@code macs} per second in billions, or 0 for ops without multiply-accumulates. */
        public double gigaMacsPerSecond() {
            return millis <= 0 ? 0 : macs / (millis * 1e6);
        }
    }

    private final List<Op> ops;
    private final int repetitions;
    private final int threads;

    Profile(List<Op> ops, int repetitions, int threads) {
        this.ops = List.copyOf(ops);
        this.repetitions = repetitions;
        this.threads = threads;
    }

    /** The ops in execution order. */
    public List<Op> ops() {
        return ops;
    }

    /** The sum of the ops' medians, in milliseconds. */
    public double totalMillis() {
        return ops.stream().mapToDouble(Op::millis).sum();
    }

    /** The op with the largest median time. */
    public Op slowest() {
        return Collections.max(ops, (a, b) -> Double.compare(a.millis, b.millis));
    }

    public int repetitions() {
        return repetitions;
    }

    public int threads() {
        return threads;
    }

    /** A table: op, kind, output shape, ms, share of the total, G MAC/s. */
    @Override
    public String toString() {
        double total = totalMillis();
        StringBuilder sb = new StringBuilder(String.format("%-28s %-10s %-14s %9s %6s %9s%n", "op", "kind", "output",
                "ms", "share", "G MAC/s"));
        List<Op> sorted = new ArrayList<>(ops);
        sorted.sort((a, b) -> Double.compare(b.millis, a.millis));
        List<Op> top = sorted.subList(0, Math.min(3, sorted.size()));
        for (Op op : ops) {
            sb.append(String.format("%-28s %-10s %-14s %9.3f %5.1f%% %9s%s%n", clip(op.name), op.kind, shape(op.shape),
                    op.millis, total > 0 ? 100 * op.millis / total : 0,
                    op.macs == 0 ? "" : String.format("%.1f", op.gigaMacsPerSecond()), top.contains(op) ? "  <" : ""));
        }
        sb.append(String.format("total %.3f ms per example (sum of per-op medians over %d runs, %d thread%s)%n", total,
                repetitions, threads, threads == 1 ? "" : "s"));
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() <= 28 ? s : s.substring(0, 25) + "...";
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : "x").append(d);
        }
        return sb.toString();
    }
}
