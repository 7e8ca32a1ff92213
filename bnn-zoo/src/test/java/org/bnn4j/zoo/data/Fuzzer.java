package org.bnn4j.zoo.data;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs a file reader on a series of mutated files and checks every outcome: a valid result, or the reader's one
 * documented exception with a printable one-line message naming the mutated file; never another exception, a
 * hang, or an allocation larger than the input justifies. Prints how many cases ran.
 *
 * <pre>{@code
 * Fuzzer.run("IDX raw", 42, Mutator.iterations(1000), DataFileException.class, target);
 * }</pre>
 */
public final class Fuzzer {
    /** Heap every case may allocate besides what its input justifies: stream buffers, exceptions, class loading. */
    private static final long ALLOCATION_ALLOWANCE = 8L << 20;
    private static final long CASE_TIMEOUT_SECONDS = 30;

    private Fuzzer() {
    }

    /** What is fuzzed: input preparation and the reader. */
    public interface Target {
        /** Writes the input of one case, one file mutated; returns that file and what was done to it. */
        MutatedFile prepare(Mutator mutator) throws Exception;

        /** Runs the reader on the input {@link #prepare} wrote. */
        Object read() throws Exception;

        /** The most heap the current input can justify (its data, decompressed where it is compressed). */
        long justifiedBytes() throws Exception;
    }

    /** The file a case mutated and how. */
    public record MutatedFile(Path file, Mutator.Mutation mutation) {
    }

    /** How the cases ended. */
    public record Summary(int cases, int rejected, int valid) {
    }

    public static Summary run(String name, long seed, int iterations, Class<? extends Exception> documented,
                              Target target) throws Exception {
        Mutator mutator = new Mutator(seed);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        int rejected = 0;
        try {
            for (int i = 0; i < iterations; i++) {
                MutatedFile input = target.prepare(mutator);
                String what = name + " case " + i + " (" + input.mutation().description() + ", " + input.file() + ")";
                Allocations.Outcome<Object> outcome = outcome(worker, target, what);
                long budget = ALLOCATION_ALLOWANCE + target.justifiedBytes();
                if (outcome.allocatedBytes() > budget) {
                    fail(what + ": allocated " + outcome.allocatedBytes() + " bytes, the input justifies " + budget);
                }
                if (outcome.failure() != null) {
                    check(outcome.failure(), documented, input.file(), what);
                    rejected++;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        Summary summary = new Summary(iterations, rejected, iterations - rejected);
        System.out.printf("fuzz %s: %d mutations (seed %d): %d rejected with %s, %d read as valid%n",
                name, iterations, seed, rejected, documented.getSimpleName(), summary.valid());
        return summary;
    }

    private static Allocations.Outcome<Object> outcome(ExecutorService worker, Target target, String what)
            throws InterruptedException {
        Future<Allocations.Outcome<Object>> future = worker.submit(() -> Allocations.run(target::read));
        try {
            return future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + ": still running after " + CASE_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new AssertionError(what + ": " + e.getCause(), e.getCause());
        }
    }

    private static void check(Exception e, Class<? extends Exception> documented, Path file, String what) {
        if (!documented.isInstance(e)) {
            throw new AssertionError(what + ": " + e.getClass().getName() + " instead of " + documented.getName(), e);
        }
        String message = e.getMessage();
        if (message == null || !message.contains(file.toString())) {
            throw new AssertionError(what + ": the message does not name the file: " + message, e);
        }
        if (message.chars().anyMatch(Character::isISOControl)) {
            throw new AssertionError(what + ": the message has control characters: " + message, e);
        }
    }
}
