package org.bnn4j.runtime.engine;

import java.util.function.IntConsumer;

/**
 * How an {@link ExecutionPlan} may spread one op's work: {@link #run} executes tasks {@code 0 .. tasks-1}, possibly
 * at the same time on worker threads, and returns when all are done. Tasks write disjoint parts of the output, so
 * results do not depend on how many threads ran them.
 *
 * <pre>{@code
 * float[][] outputs = plan.run(batch, Parallelism.SERIAL);   // everything in the calling thread
 * }</pre>
 */
public interface Parallelism {
    /** Runs every task in the calling thread. */
    Parallelism SERIAL = new Parallelism() {
        @Override
        public int threads() {
            return 1;
        }

        @Override
        public void run(int tasks, IntConsumer task) {
            for (int t = 0; t < tasks; t++) {
                task.accept(t);
            }
        }
    };

    /**
     * Work, in float multiply-accumulates (a binary one counts 1/32), below which an op is not split between threads:
     * handing a task to another thread costs tens of microseconds, more than a small op takes.
     */
    long DEFAULT_MINIMUM_SPLIT_WORK = 1L << 18;

    /** How many tasks can run at once (1: no point in splitting). */
    int threads();

    /** An op with less work than this runs in one task (see {@link #DEFAULT_MINIMUM_SPLIT_WORK}). */
    default long minimumSplitWork() {
        return DEFAULT_MINIMUM_SPLIT_WORK;
    }

    void run(int tasks, IntConsumer task);
}
