package org.bnn4j.examples.bench;

import java.util.Arrays;

/**
 * Times a call: runs it for the budget's warm-up time (so the JIT has compiled it), picks how many calls make one
 * sample last at least {@link Budget#sampleMillis()}, then reports the median time per call over the samples.
 *
 * <pre>{@code
 * double ms = Measure.time(() -> net.output(x), Budget.FULL).medianMillis();
 * }</pre>
 */
public final class Measure {
    private Measure() {
    }

    /** Median and spread of one measurement, per call. */
    public record Timing(double medianMillis, double minMillis, double maxMillis, int samples, int callsPerSample) {
        /** Calls per second at the median. */
        public double perSecond() {
            return 1000.0 / medianMillis;
        }
    }

    /** For slow calls (training steps): a fixed number of warm-up calls, then one call per sample. */
    public static Timing calls(Runnable call, int warmupCalls, int samples) {
        for (int i = 0; i < warmupCalls; i++) {
            call.run();
        }
        double[] perCall = new double[samples];
        for (int s = 0; s < samples; s++) {
            long t = System.nanoTime();
            call.run();
            perCall[s] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(perCall);
        return new Timing(perCall[samples / 2], perCall[0], perCall[samples - 1], samples, 1);
    }

    public static Timing time(Runnable call, Budget budget) {
        long warmupEnd = System.nanoTime() + budget.warmupMillis() * 1_000_000L;
        int warmupCalls = 0;
        long lastCall = 0;
        while (warmupCalls < 3 || System.nanoTime() < warmupEnd) {
            long t = System.nanoTime();
            call.run();
            lastCall = System.nanoTime() - t;
            warmupCalls++;
        }
        int calls = (int) Math.max(1, Math.min(1_000_000, budget.sampleMillis() * 1_000_000L / Math.max(1, lastCall)));
        double[] perCall = new double[budget.samples()];
        for (int s = 0; s < perCall.length; s++) {
            long t = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            perCall[s] = (System.nanoTime() - t) / 1e6 / calls;
        }
        Arrays.sort(perCall);
        return new Timing(perCall[perCall.length / 2], perCall[0], perCall[perCall.length - 1], perCall.length, calls);
    }
}
