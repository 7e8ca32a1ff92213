package org.bnn4j.zoo.data;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/** Heap bytes a piece of code allocates on the calling thread (HotSpot's per-thread allocation counter). */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {
    }

    /** What the code returned or threw, and the bytes it allocated either way. */
    public record Outcome<T>(T value, Exception failure, long allocatedBytes) {
    }

    /** Runs {@code code}, catching an exception it throws (an Error still propagates). */
    public static <T> Outcome<T> run(Callable<T> code) {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        T value = null;
        Exception failure = null;
        try {
            value = code.call();
        } catch (Exception e) {
            failure = e;
        }
        return new Outcome<>(value, failure, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
}
