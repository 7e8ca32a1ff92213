package org.bnn4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory while running MLP-4096 at batch 64: the packed runtime against DL4J running the float twin, each in a
 * child JVM of its own ({@link MemoryProbe}). The peak heap is the smallest {@code -Xmx} under which 20 batches
 * run (a binary search over child processes); a run with a roomy heap adds the live heap after a full GC, the
 * heap pools' peak, ND4J's off-heap bytes after the run ({@code MemoryManager.allocatedMemory}: JavaCPP pointers
 * plus ND4J's tracked buffers and workspaces, where DL4J keeps parameters and activations) and the process's peak
 * resident set.
 */
final class MemoryBench {
    private static final int WIDTH = 4096;
    private static final int BATCH = 64;
    private static final int ITERATIONS = 20;
    private static final int ROOMY_HEAP_MB = 1024;

    private MemoryBench() {
    }

    static Table run(BenchContext ctx) throws Exception {
        Path dir = Files.createTempDirectory("bnn4j-bench-memory");
        Path file = dir.resolve("mlp" + WIDTH + ".bnn");
        try {
            ctx.models().mlp(WIDTH).exported().writeTo(file);
            double precision = ctx.quick() ? 0.25 : 0.05;
            Map<String, Long> runtime = probe(List.of("runtime", file.toString()), ROOMY_HEAP_MB);
            Map<String, Long> dl4j = probe(List.of("dl4j", String.valueOf(WIDTH)), ROOMY_HEAP_MB);
            int runtimeHeap = smallestHeap(List.of("runtime", file.toString()), precision);
            int dl4jHeap = smallestHeap(List.of("dl4j", String.valueOf(WIDTH)), precision);

            Table t = new Table("Memory, MLP-" + WIDTH + " inference at batch " + BATCH, "side", "smallest -Xmx that runs",
                    "live heap after GC", "heap pools' peak (-Xmx" + ROOMY_HEAP_MB + "m)", "off-heap (ND4J)", "peak RSS");
            add(t, "bnn4j runtime (packed model)", runtimeHeap, runtime);
            add(t, "DL4J float twin", dl4jHeap, dl4j);
            long runtimeBytes = (long) runtimeHeap << 20;
            long dl4jBytes = ((long) dl4jHeap << 20) + dl4j.get("offHeap");
            t.note(String.format("runtime heap / DL4J (heap + off-heap) = %.3f; heap alone: %.3f; peak RSS: %.3f",
                    (double) runtimeBytes / dl4jBytes, (double) runtimeHeap / dl4jHeap,
                    (double) runtime.get("peakRss") / dl4j.get("peakRss")));
            t.note("Smallest -Xmx found by bisection to within " + Math.round(precision * 100) + "% (SerialGC, one child JVM per try). "
                    + "DL4J keeps its parameters off the Java heap, so its heap alone understates what it needs; the "
                    + "target compares the runtime's heap with DL4J's heap plus its off-heap bytes.");
            ctx.targets().atMost("MLP-4096 runtime peak heap / DL4J float twin (heap + off-heap)",
                    (double) runtimeBytes / dl4jBytes, 0.1, "x");
            return t;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static void add(Table t, String side, int smallestHeapMb, Map<String, Long> probe) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("side", side);
        raw.put("smallestHeapMB", smallestHeapMb);
        raw.putAll(probe);
        t.row(raw, side, smallestHeapMb + " MB", Table.bytes(probe.get("retainedHeap")), Table.bytes(probe.get("peakHeap")),
                Table.bytes(probe.get("offHeap")), probe.get("peakRss") < 0 ? "?" : Table.bytes(probe.get("peakRss")));
        System.out.printf("  %s: smallest heap %d MB, %s%n", side, smallestHeapMb, probe);
    }

    /** Bisects the smallest -Xmx (MB) under which the probe succeeds, to within {@code precision}. */
    private static int smallestHeap(List<String> args, double precision) throws Exception {
        int lo = 2;                 // assumed to fail
        int hi = ROOMY_HEAP_MB;     // must succeed
        if (probe(args, hi) == null) {
            throw new IllegalStateException("the memory probe " + args + " fails even with -Xmx" + hi + "m");
        }
        while (hi - lo > Math.max(1, lo * precision)) {
            int mid = (lo + hi) >>> 1;
            if (probe(args, mid) != null) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Runs one child JVM; its measurements, or null if it failed (out of memory). */
    private static Map<String, Long> probe(List<String> args, int heapMb) throws IOException, InterruptedException {
        return ChildProbe.run(List.of("-Xmx" + heapMb + "m", "-XX:+UseSerialGC", "-Dorg.bytedeco.javacpp.maxbytes=8g",
                        "-Dorg.bytedeco.javacpp.maxphysicalbytes=16g"), MemoryProbe.class, MemoryProbe.PREFIX,
                List.of(args.get(0), args.get(1), String.valueOf(BATCH), String.valueOf(ITERATIONS)), 10);
    }
}
