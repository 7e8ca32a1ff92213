package org.bnn4j.examples.bench;

import org.bnn4j.runtime.BnnModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench --only load}: one {@link BnnModel} shared by 1, 2, 4, 8 and 16 client threads, each calling
 * {@code predict(float[])} back to back: total throughput and the p50/p99 latency of a call, with the runtime's own
 * threads off (1) and on, and the load average next to every row (a 2-core machine shared with others).
 */
final class LoadBench {
    private static final int[] CLIENTS = {1, 2, 4, 8, 16};

    private LoadBench() {
    }

    static Table run(BenchContext ctx) throws Exception {
        Table t = new Table("Runtime under load, BinaryNet MLP-1024, batch 1", "runtime threads", "clients",
                "predictions/s", "p50 ms", "p99 ms", "load average");
        BenchModels.Trio m = ctx.models().mlp(1024);
        float[][] rows = BenchModels.rows(m.inputs(64, 7));
        long warmupNanos = ctx.budget().warmupMillis() * 1_000_000L;
        long measureNanos = 2L * ctx.budget().samples() * ctx.budget().sampleMillis() * 1_000_000L;
        for (int threads : new int[]{1, ctx.threads()}) {
            try (BnnModel model = m.runtime().withThreads(threads)) {
                for (int clients : CLIENTS) {
                    long[] latencies = measure(model, rows, clients, warmupNanos, measureNanos);
                    double perSecond = latencies.length / (measureNanos / 1e9);
                    double p50 = percentile(latencies, 0.50) / 1e6;
                    double p99 = percentile(latencies, 0.99) / 1e6;
                    String load = MachineInfo.loadAverage();
                    Map<String, Object> raw = new LinkedHashMap<>();
                    raw.put("runtimeThreads", threads);
                    raw.put("clients", clients);
                    raw.put("predictionsPerSecond", perSecond);
                    raw.put("p50Ms", p50);
                    raw.put("p99Ms", p99);
                    raw.put("loadAverage", load);
                    t.row(raw, String.valueOf(threads), String.valueOf(clients), String.format("%.0f", perSecond),
                            Table.ms(p50), Table.ms(p99), load);
                    System.out.printf("  %d runtime threads, %2d clients: %.0f predictions/s, p50 %.3f ms, p99 %.3f ms (load %s)%n",
                            threads, clients, perSecond, p50, p99, load);
                }
            }
        }
        t.note("Each client predicts one example per call, back to back, for " + measureNanos / 1_000_000 + " ms after "
                + ctx.budget().warmupMillis() + " ms of warm-up; latency is per call, throughput counts all clients.");
        return t;
    }

    /** Every call's latency in nanoseconds, over the measuring window only, sorted. */
    private static long[] measure(BnnModel model, float[][] rows, int clients, long warmupNanos, long measureNanos)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                futures.add(pool.submit(() -> {
                    start.await(); // all clients start together
                    long measureFrom = System.nanoTime() + warmupNanos;
                    long end = measureFrom + measureNanos;
                    long[] latencies = new long[1024];
                    int n = 0;
                    for (int k = first; ; k++) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            return Arrays.copyOf(latencies, n);
                        }
                        model.predict(rows[k % rows.length]);
                        if (t0 >= measureFrom) {
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, 2 * n);
                            }
                            latencies[n++] = System.nanoTime() - t0;
                        }
                    }
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> f : futures) {
                long[] one = f.get();
                int from = all.length;
                all = Arrays.copyOf(all, from + one.length);
                System.arraycopy(one, 0, all, from, one.length);
            }
            Arrays.sort(all);
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The value below which {@code q} of the sorted values lie. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
