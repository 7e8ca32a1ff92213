package org.bnn4j.examples.bench;

/**
 * How long to measure one thing: JIT warm-up time, the least duration of one timed sample (short calls are
 * repeated within a sample, so the timer's resolution does not matter) and the number of samples whose median is
 * reported.
 *
 * <pre>{@code
 * Timing t = Measure.time(() -> model.predict(x), Budget.FULL);
 * }</pre>
 */
public record Budget(long warmupMillis, long sampleMillis, int samples) {
    /** The default run. */
    public static final Budget FULL = new Budget(2000, 100, 11);
    /** {@code --quick}: a few samples, for a first look. */
    public static final Budget QUICK = new Budget(400, 30, 5);
}
