package org.bnn4j.runtime;

import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.testutil.RandomModels;
import org.bnn4j.runtime.testutil.SampleModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@link BnnModel} shared by 16 client threads: every answer equals the single-threaded one, whatever the batch
 * size and worker count, and {@link BnnModel#close()} in the middle of the traffic only ever turns calls into the
 * documented {@link IllegalStateException}, never a wrong answer or a crash.
 */
class BnnModelUnderLoadTest {
    private static final byte[] CONV_NET = ModelWriter.toBytes(SampleModels.convNet(11));
    private static final int CLIENTS = 16;
    private static final int PREDICTIONS = 100_000;
    private static final int[] BATCH_SIZES = {1, 2, 3, 5, 8, 16};

    private static final float[][] INPUTS = inputs(64, 192, 21);

    private static float[][] inputs(int n, int size, long seed) {
        RandomModels m = new RandomModels(seed);
        float[][] x = new float[n][size];
        for (float[] row : x) for (int i = 0; i < size; i++) row[i] = m.eighth(2);
        return x;
    }

    /** A random batch of the shared inputs; {@code picked} receives which ones. */
    private static float[][] batch(Random random, int[] picked) {
        float[][] b = new float[picked.length][];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = random.nextInt(INPUTS.length);
            b[i] = INPUTS[picked[i]];
        }
        return b;
    }

    @Test
    void sixteenClientsSharingOneModelGetTheSingleThreadedAnswers() throws Exception {
        BnnModel serial = BnnModel.load(CONV_NET).withThreads(1);
        float[][] expected = serial.predict(INPUTS);
        try (BnnModel threaded = serial.withThreads(4)) {
            BnnModel[] models = {serial, threaded}; // withThreads off and on, the same instances for every client
            long[] counts = run(CLIENTS, client -> {
                Random random = new Random(1000 + client);
                long done = 0;
                while (done < PREDICTIONS / CLIENTS) {
                    int[] picked = new int[BATCH_SIZES[random.nextInt(BATCH_SIZES.length)]];
                    BnnModel model = models[random.nextInt(2)];
                    float[][] got = picked.length == 1 ? new float[][]{model.predict(INPUTS[picked[0] = random.nextInt(INPUTS.length)])}
                            : model.predict(batch(random, picked));
                    for (int i = 0; i < picked.length; i++) {
                        if (!Arrays.equals(expected[picked[i]], got[i])) {
                            throw new AssertionError("client " + client + " got a wrong answer for input " + picked[i]);
                        }
                    }
                    done += picked.length;
                }
                return done;
            });
            long total = Arrays.stream(counts).sum();
            System.out.printf("%,d predictions by %d clients, all equal to the single-threaded answers%n", total, CLIENTS);
            assertTrue(total >= PREDICTIONS);
        }
    }

    @Test
    void closingDuringCallsGivesRightAnswersOrTheClosedExceptionOnly() throws Exception {
        float[][] expected = BnnModel.load(CONV_NET).withThreads(1).predict(INPUTS);
        for (int round = 0; round < 3; round++) {
            BnnModel model = BnnModel.load(CONV_NET).withThreads(4);
            AtomicBoolean closed = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(CLIENTS);
            ExecutorService closer = Executors.newSingleThreadExecutor();
            Future<?> closing = closer.submit(() -> {
                started.await();
                Thread.sleep(20);
                model.close();
                closed.set(true);
                return null;
            });
            long[] refused = run(CLIENTS, client -> {
                Random random = new Random(client);
                started.countDown();
                while (true) {
                    boolean afterClose = closed.get();
                    int[] picked = new int[BATCH_SIZES[random.nextInt(BATCH_SIZES.length)]];
                    try {
                        float[][] got = model.predict(batch(random, picked));
                        if (afterClose) {
                            throw new AssertionError("a call begun after close() returned an answer");
                        }
                        for (int i = 0; i < picked.length; i++) {
                            if (!Arrays.equals(expected[picked[i]], got[i])) {
                                throw new AssertionError("a wrong answer while closing, input " + picked[i]);
                            }
                        }
                    } catch (IllegalStateException e) {
                        assertEquals("this BnnModel is closed", e.getMessage());
                        return 1L;
                    }
                }
            });
            closing.get(10, TimeUnit.SECONDS);
            closer.shutdown();
            assertEquals(CLIENTS, Arrays.stream(refused).sum(), "every client ends with the closed exception");
        }
    }

    /** Runs {@code clients} copies of {@code job} at once; their results in client order; rethrows any failure. */
    private static long[] run(int clients, Client job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit((Callable<Long>) () -> job.run(client)));
            }
            long[] results = new long[clients];
            for (int c = 0; c < clients; c++) {
                results[c] = futures.get(c).get(60, TimeUnit.SECONDS);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Client {
        long run(int client) throws Exception;
    }
}
