package org.bnn4j.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peak resident set while training the ResNet-20 family at batch 64, each network in a child JVM of its own
 * ({@link TrainingMemoryProbe}) started with the launcher's JVM options, next to the same network built from stock
 * DL4J layers. Also reports how the resident set moves after warm-up, per step: a leak shows as steady growth.
 */
final class TrainingMemoryBench {
    private static final int BATCH = 64;
    /** The budget: a laptop with 8 GB must be able to train the zoo's ResNets. */
    private static final double PEAK_GB_TARGET = 3.0;

    private TrainingMemoryBench() {
    }

    static Table run(BenchContext ctx) throws Exception {
        int steps = ctx.quick() ? 30 : 150;
        List<String> options = ChildProbe.launcherOptions();
        List<int[]> inputs = ctx.quick() ? List.of(new int[]{3, 32}) : List.of(new int[]{3, 32}, new int[]{1, 28});
        Table t = new Table("Training memory, ResNet-20 family, batch " + BATCH + ", " + steps + " steps",
                "network", "input", "peak RSS", "RSS after 10 steps", "RSS at the end", "RSS growth per step",
                "native arrays at the end (growth per step)", "heap committed", "peak vs stock DL4J");
        double worstPeakGb = 0;
        for (int[] input : inputs) {
            String shape = input[0] + "x" + input[1] + "x" + input[1];
            Map<String, Map<String, Long>> found = new LinkedHashMap<>();
            for (String network : TrainingMemoryProbe.NETWORKS) {
                Map<String, Long> probe = ChildProbe.run(options, TrainingMemoryProbe.class, TrainingMemoryProbe.PREFIX,
                        List.of(network, String.valueOf(input[0]), String.valueOf(input[1]), String.valueOf(BATCH),
                                String.valueOf(steps)), 60);
                if (probe == null) {
                    throw new IllegalStateException("training-memory probe " + network + " " + shape + " failed");
                }
                found.put(network, probe);
                System.out.printf("  %s %s: %s%n", network, shape, probe);
            }
            long stockPeak = found.get("stock-resnet20").get("peakRss");
            for (Map.Entry<String, Map<String, Long>> e : found.entrySet()) {
                Map<String, Long> p = e.getValue();
                double growth = (double) (p.get("end") - p.get("afterWarmUp")) / (steps - 10);
                double nativeGrowth = (double) (p.get("nativeEnd") - p.get("nativeAfterWarmUp")) / (steps - 10);
                Map<String, Object> raw = new LinkedHashMap<>(p);
                raw.put("network", e.getKey());
                raw.put("input", shape);
                raw.put("growthPerStepBytes", growth);
                raw.put("nativeGrowthPerStepBytes", nativeGrowth);
                t.row(raw, e.getKey(), shape, Table.bytes(p.get("peakRss")), Table.bytes(p.get("afterWarmUp")),
                        Table.bytes(p.get("end")), String.format("%+.2f MB", growth / (1 << 20)),
                        Table.bytes(p.get("nativeEnd")) + String.format(" (%+.2f MB)", nativeGrowth / (1 << 20)),
                        Table.bytes(p.get("heapCommitted")),
                        Table.ratio((double) p.get("peakRss") / stockPeak));
                if (!e.getKey().startsWith("stock")) {
                    worstPeakGb = Math.max(worstPeakGb, p.get("peakRss") / 1e9);
                }
            }
        }
        ctx.targets().atMost("Training peak RSS, worst bnn4j ResNet-20 variant at batch 64 (launcher's options)",
                worstPeakGb, PEAK_GB_TARGET, "GB");
        t.note("Each network trains in its own JVM with the launcher's options (" + String.join(" ", options)
                + ") on random batches made fresh each step, then ends the epoch as the trainer does (validation of "
                + "5,000 images through NetworkAdapter.validate, the model saved); growth per step includes that epoch end. RSS from /proc/self/status (VmRSS, VmHWM). stock-resnet20 is the float twin built from DL4J's "
                + "own ConvolutionLayer. Native arrays: JavaCPP's count of the bytes its live pointers hold (ND4J's own "
                + "buffers are not counted there, so a flat count with a growing RSS points at ND4J's arrays or the allocator).");
        return t;
    }
}
