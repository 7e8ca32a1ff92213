package org.bnn4j.examples.bench;

import java.util.Arrays;

/**
 * Times calls: runs each for the budget's warm-up time (so the JIT has compiled it), picks how many calls make one
 * sample last at least {@link Budget#sampleMillis()}, then reports the median time per call over the samples.
 * Calls compared with each other are measured interleaved, sample by sample.
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

    /** For slow calls (training steps): a fixed number of warm-up calls each, then one call per sample, interleaved. */
    public static Timing[] calls(int warmupCalls, int samples, Runnable... calls) {
        for (Runnable call : calls) {
            for (int i = 0; i < warmupCalls; i++) {
                call.run();
            }
        }
        double[][] perCall = new double[calls.length][samples];
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < calls.length; c++) {
                perCall[c][s] = sample(calls[c], 1);
            }
        }
        Timing[] timings = new Timing[calls.length];
        for (int c = 0; c < calls.length; c++) {
            timings[c] = summary(perCall[c], 1);
        }
        return timings;
    }

    /**
     * Times several calls side by side: each is warmed up, then the samples alternate between them (A B C A B C
     * ...), so a change in machine load during the run hits all of them alike and their ratios stay meaningful.
     */
    public static Timing[] interleaved(Budget budget, Runnable... calls) {
        int[] callsPerSample = new int[calls.length];
        for (int c = 0; c < calls.length; c++) {
            callsPerSample[c] = warmUp(calls[c], budget);
        }
        double[][] perCall = new double[calls.length][budget.samples()];
        for (int s = 0; s < budget.samples(); s++) {
            for (int c = 0; c < calls.length; c++) {
                perCall[c][s] = sample(calls[c], callsPerSample[c]);
            }
        }
        Timing[] timings = new Timing[calls.length];
        for (int c = 0; c < calls.length; c++) {
            timings[c] = summary(perCall[c], callsPerSample[c]);
        }
        return timings;
    }

    public static Timing time(Runnable call, Budget budget) {
        return interleaved(budget, call)[0];
    }

    /** Runs the call for the warm-up time; returns how many calls make one sample of the budget's length. */
    private static int warmUp(Runnable call, Budget budget) {
        long warmupEnd = System.nanoTime() + budget.warmupMillis() * 1_000_000L;
        int warmupCalls = 0;
        long lastCall = 0;
        while (warmupCalls < 3 || System.nanoTime() < warmupEnd) {
            long t = System.nanoTime();
            call.run();
            lastCall = System.nanoTime() - t;
            warmupCalls++;
        }
        return (int) Math.max(1, Math.min(1_000_000, budget.sampleMillis() * 1_000_000L / Math.max(1, lastCall)));
    }

    /** Milliseconds per call over one sample of {@code calls} calls. */
    private static double sample(Runnable call, int calls) {
        long t = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - t) / 1e6 / calls;
    }

    private static Timing summary(double[] perCall, int callsPerSample) {
        double[] sorted = perCall.clone();
        Arrays.sort(sorted);
        return new Timing(sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length, callsPerSample);
    }
}
