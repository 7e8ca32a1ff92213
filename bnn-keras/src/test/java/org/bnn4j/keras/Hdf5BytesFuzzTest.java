package org.bnn4j.keras;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link BnnKerasImport} on Keras HDF5 files whose raw bytes are mutated (fixed seed), all in this one JVM: every
 * case must end in an imported network or a {@link KerasImportException} whose message names the file; any other
 * exception fails the test, and so would a JVM crash (libhdf5 state left behind by earlier failures: the SIGSEGV in
 * {@code H5CX_set_tag} this test was written for) or a hang. The sources are files the test writer makes (always)
 * and the real Larq fixtures when {@code ../shared/fixtures/larq/} exists. 500 cases; {@code
 * -Dbnn4j.fuzz.iterations=N} runs more.
 *
 * <p>Native code cannot be interrupted, so there is no per-case timeout: a watchdog prints a case that runs long
 * (to see which one hangs in the log), slow cases are listed, and the whole run must stay within a time budget.
 */
class Hdf5BytesFuzzTest {
    private static final long SEED = 0x5eed_4df5L;
    private static final int DEFAULT_CASES = 500;
    private static final double BUDGET_SECONDS_PER_CASE = 2.0;
    private static final long BUDGET_BASE_SECONDS = 120;
    private static final long SLOW_CASE_MILLIS = 2_000;
    private static final long WATCHDOG_MILLIS = 30_000;
    private static final byte[][] EDGE_LONGS = edgeLongs();

    @TempDir
    Path dir;

    private record Source(String name, byte[] bytes) {
    }

    @Test
    void mutatedHdf5BytesAreImportedOrRejectedWithTheFileNamed() throws Exception {
        List<Source> sources = sources();
        int iterations = Integer.getInteger("bnn4j.fuzz.iterations", DEFAULT_CASES);
        Random random = new Random(SEED);
        int imported = 0, ours = 0, hdf5 = 0;
        List<String> slow = new ArrayList<>();
        AtomicReference<String> running = new AtomicReference<>();
        Thread watchdog = watchdog(running);
        long start = System.nanoTime();
        long budgetNanos = (long) ((BUDGET_BASE_SECONDS + BUDGET_SECONDS_PER_CASE * iterations) * 1e9);
        try {
            for (int i = 0; i < iterations; i++) {
                Source source = sources.get(random.nextInt(sources.size()));
                Path file = dir.resolve("case-" + i + ".h5");
                String mutation = mutate(random, source.bytes(), file);
                String what = "case " + i + " (" + source.name() + ", " + mutation + ", " + file + ")";
                long caseStart = System.nanoTime();
                running.set(caseStart + " " + what);
                try {
                    BnnKerasImport.importModelAndWeights(file);
                    imported++;
                } catch (KerasImportException e) {
                    checkMessage(e, file, what);
                    if (fromHdf5(e)) {
                        hdf5++;
                    } else {
                        ours++;
                    }
                } catch (Throwable t) {
                    throw new AssertionError(what + ": " + t.getClass().getName() + " instead of "
                            + KerasImportException.class.getName(), t);
                } finally {
                    running.set(null);
                }
                long millis = (System.nanoTime() - caseStart) / 1_000_000;
                if (millis > SLOW_CASE_MILLIS) {
                    slow.add(what + ": " + millis + " ms");
                    System.out.println("slow fuzz case: " + what + ": " + millis + " ms");
                }
                if (System.nanoTime() - start > budgetNanos) {
                    fail("raw HDF5 fuzz over its time budget after " + (i + 1) + " of " + iterations
                            + " cases; slow cases: " + slow);
                }
                Files.delete(file);
            }
        } finally {
            watchdog.interrupt();
        }
        System.out.printf("fuzz raw HDF5 bytes: %d mutations (seed %d) of %d source files: %d imported, %d rejected "
                        + "by bnn4j's checks, %d rejected by HDF5, %d slow (> %d ms), %.1f s%n", iterations, SEED,
                sources.size(), imported, ours, hdf5, slow.size(), SLOW_CASE_MILLIS,
                (System.nanoTime() - start) / 1e9);
    }

    private List<Source> sources() throws Exception {
        List<Source> sources = new ArrayList<>();
        Path conv = LarqExampleModels.convNet(dir.resolve("convnet.h5"), 8, 2);
        sources.add(new Source("writer convnet", Files.readAllBytes(conv)));
        Path dense = new KerasH5Writer(false)
                .layer("InputLayer", "in", KerasTestModels.input(6))
                .layer("QuantDense", "d", KerasTestModels.config("units", 3, "use_bias", true),
                        java.util.Map.of("kernel", KerasTestModels.uniform(7, 6, 3),
                                "bias", KerasTestModels.uniform(8, 3)), List.of("in"))
                .output("d")
                .write(dir.resolve("dense.h5"));
        sources.add(new Source("writer functional dense", Files.readAllBytes(dense)));
        for (Source s : sources) { // the unmutated sources import
            Path p = dir.resolve("check.h5");
            Files.write(p, s.bytes());
            BnnKerasImport.importModelAndWeights(p);
        }
        for (String fixture : List.of("gtsrb-xnor-30x30.h5", "larq-dense-untrained-tf215.h5")) {
            Path p = LarqFixtures.optionalFile(fixture);
            if (p != null) {
                sources.add(new Source(fixture, Files.readAllBytes(p)));
            } else {
                System.out.println("fuzz raw HDF5 bytes: Larq fixture absent, not fuzzed: " + fixture);
            }
        }
        return sources;
    }

    /** Writes a mutated copy of {@code valid} to {@code file}; returns what was done. */
    private static String mutate(Random random, byte[] valid, Path file) throws Exception {
        byte[] b = valid.clone();
        // the signature is mostly left alone (a damaged one is rejected at once), but not always
        int from = random.nextInt(8) == 0 ? 0 : Hdf5Superblock.SIGNATURE_LENGTH;
        String what;
        switch (random.nextInt(7)) {
            case 0 -> {
                int flips = 1 + random.nextInt(16);
                for (int i = 0; i < flips; i++) {
                    b[position(random, b.length, from)] ^= (byte) (1 << random.nextInt(8));
                }
                what = flips + " bit flips";
            }
            case 1 -> {
                int at = position(random, b.length, from);
                int n = Math.min(1 + random.nextInt(32), b.length - at);
                byte[] r = new byte[n];
                random.nextBytes(r);
                System.arraycopy(r, 0, b, at, n);
                what = n + " random bytes at " + at;
            }
            case 2 -> {
                int at = position(random, b.length, from);
                int n = Math.min(1 + random.nextInt(512), b.length - at);
                Arrays.fill(b, at, at + n, (byte) 0);
                what = n + " bytes zeroed at " + at;
            }
            case 3 -> {
                int at = position(random, b.length, from);
                int n = Math.min(1 + random.nextInt(256), b.length - at);
                byte[] out = new byte[b.length + n]; // a run repeated: everything after it shifts
                System.arraycopy(b, 0, out, 0, at + n);
                System.arraycopy(b, at, out, at + n, b.length - at);
                b = out;
                what = n + " bytes at " + at + " duplicated";
            }
            case 4 -> {
                int src = position(random, b.length, from);
                int dst = position(random, b.length, from);
                int n = Math.min(1 + random.nextInt(256), Math.min(b.length - src, b.length - dst));
                System.arraycopy(valid, src, b, dst, n); // a chunk copied over another place
                what = n + " bytes from " + src + " copied to " + dst;
            }
            case 5 -> {
                int length = position(random, b.length, from);
                b = Arrays.copyOf(b, length);
                what = "truncated to " + length + " bytes";
            }
            default -> {
                int at = position(random, b.length - 8, from) & ~7; // addresses and lengths: 8 bytes, aligned
                byte[] v = EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
                System.arraycopy(v, 0, b, at, 8);
                what = "8-byte field at " + at + " set to " + hex(v);
            }
        }
        Files.write(file, b);
        return what;
    }

    /**
     * A position in [from, length), log-uniform: HDF5 metadata (superblock, object headers, B-trees, heaps) sits
     * mostly near the start of a Keras file, the weights' raw data after it.
     */
    private static int position(Random random, int length, int from) {
        int span = Math.max(1, length - from);
        int bits = 32 - Integer.numberOfLeadingZeros(span);
        int limit = (int) Math.min(span, 1L << (4 + random.nextInt(Math.max(1, bits - 3))));
        return from + random.nextInt(limit);
    }

    private static byte[][] edgeLongs() {
        long[] values = {-1L, 0L, 1L, Long.MAX_VALUE, 1L << 32, 1L << 40, 0xffffffffL, 1L << 20, 1L << 28};
        byte[][] out = new byte[values.length][8];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < 8; j++) {
                out[i][j] = (byte) (values[i] >>> (8 * j)); // little-endian, as HDF5 stores them
            }
        }
        return out;
    }

    private static String hex(byte[] v) {
        StringBuilder sb = new StringBuilder("0x");
        for (int j = 7; j >= 0; j--) {
            sb.append(String.format("%02x", v[j]));
        }
        return sb.toString();
    }

    private static void checkMessage(KerasImportException e, Path file, String what) {
        String message = e.getMessage();
        if (message == null || !message.contains(file.toString())) {
            throw new AssertionError(what + ": the message does not name the file: " + message, e);
        }
        if (message.chars().anyMatch(Character::isISOControl)) {
            throw new AssertionError(what + ": the message has control characters: " + message, e);
        }
    }

    /** Rejected by the native library (an HDF5 call threw), not by one of bnn4j's own checks. */
    private static boolean fromHdf5(KerasImportException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c.getClass() == RuntimeException.class) { // JavaCPP's translation of a C++ exception
                return true;
            }
        }
        return false;
    }

    /** Prints the running case once it has run {@link #WATCHDOG_MILLIS}: a hang in native code shows in the log. */
    private static Thread watchdog(AtomicReference<String> running) {
        Thread t = new Thread(() -> {
            String reported = null;
            while (!Thread.currentThread().isInterrupted()) {
                String current = running.get();
                if (current != null && !current.equals(reported)) {
                    long since = Long.parseLong(current.substring(0, current.indexOf(' ')));
                    if (System.nanoTime() - since > WATCHDOG_MILLIS * 1_000_000) {
                        System.out.println("fuzz case still running after " + WATCHDOG_MILLIS / 1000 + " s: "
                                + current.substring(current.indexOf(' ') + 1));
                        reported = current;
                    }
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "hdf5-fuzz-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
