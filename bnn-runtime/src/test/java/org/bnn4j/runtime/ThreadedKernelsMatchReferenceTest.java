package org.bnn4j.runtime;

import org.bnn4j.runtime.engine.ExecutionPlan;
import org.bnn4j.runtime.engine.Parallelism;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.testutil.RandomModels;
import org.bnn4j.runtime.testutil.SpecReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way the runtime splits a dense or convolution op (by examples, by output rows, by output channels in
 * groups of 64, tiles of 16 rows with a remainder) gives the format's definition for 1 to 4 threads and batches of
 * 1 to 19 examples: wide layers (channel splits, the real-input byte table), odd sizes, zero and ±1 padding, grouped
 * and depthwise convolutions. Runs
 * through {@link BnnModel} (which splits only ops with enough work) and through the plan with a parallelism that
 * splits every op.
 */
class ThreadedKernelsMatchReferenceTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void denseOpsAndConvolutionsMatchForAnyThreadsAndBatch(boolean convolution) throws Exception {
        RandomModels m = new RandomModels(convolution ? 22 : 21);
        Random r = m.random();
        for (int trial = 0; trial < 40; trial++) {
            ValueShape in = convolution ? ValueShape.image(1 + r.nextInt(150), 1 + r.nextInt(9), 1 + r.nextInt(9))
                    : ValueShape.vector(1 + r.nextInt(300));
            int nOut = trial % 4 == 0 ? 1 : 1 + r.nextInt(convolution ? 200 : 300); // 1 output column, or many
            LinearSpec op = m.linear(convolution ? "conv" : "dense", 0, in, nOut, r.nextBoolean());
            check(m, new ModelSpec("t", in, List.of(op)), in, "trial " + trial);
        }
    }

    /**
     * Grouped and depthwise convolutions split by rows and by blocks of 64 channels, which cut through groups: 2
     * groups, or depthwise with 1 or 2 outputs per channel, over up to 150 channels.
     */
    @Test
    void groupedConvolutionsMatchForAnyThreadsAndBatch() throws Exception {
        RandomModels m = new RandomModels(23);
        Random r = m.random();
        for (int trial = 0; trial < 24; trial++) {
            int channels = 2 * (1 + r.nextInt(75));
            ValueShape in = ValueShape.image(channels, 1 + r.nextInt(9), 1 + r.nextInt(9));
            int groups = trial % 3 == 0 ? 2 : channels;
            int nOut = groups * (trial % 3 == 0 ? 1 + r.nextInt(100) : 1 + trial % 2);
            LinearSpec op = m.linear("grouped", 0, in, nOut, r.nextBoolean(), groups);
            check(m, new ModelSpec("t", in, List.of(op)), in, "trial " + trial + ", groups " + groups);
        }
    }

    /**
     * A parallelism may claim any number of threads: an op still asks for at most one task per row or per block of
     * 64 channels (4 * Integer.MAX_VALUE used to wrap around and ask for 2^31 tasks).
     */
    @Test
    void aParallelismClaimingIntMaxThreadsGetsABoundedNumberOfTasks() throws Exception {
        RandomModels m = new RandomModels(24);
        ValueShape in = ValueShape.image(16, 5, 5);
        LinearSpec op = m.linear("conv", 0, in, 130, true);
        ModelSpec spec = new ModelSpec("t", in, List.of(op));
        int[] mostTasks = {0};
        Parallelism claimsAll = new Parallelism() {
            @Override
            public int threads() {
                return Integer.MAX_VALUE;
            }

            @Override
            public long minimumSplitWork() {
                return 0;
            }

            @Override
            public void run(int tasks, IntConsumer task) {
                mostTasks[0] = Math.max(mostTasks[0], tasks);
                if (tasks > 1000) throw new AssertionError(tasks + " tasks for 50 rows and 130 channels");
                SERIAL.run(tasks, task);
            }
        };
        float[][] batch = {m.input(in), m.input(in)};
        float[][] actual = ExecutionPlan.of(spec).run(batch, claimsAll);
        assertTrue(mostTasks[0] >= 2 && mostTasks[0] <= 3, "tasks: " + mostTasks[0]); // 130 channels: 3 blocks of 64
        for (int i = 0; i < batch.length; i++) {
            List<double[]> values = SpecReference.run(spec, batch[i]);
            agree(new double[][]{values.get(1)}, new float[][]{actual[i]}, "example " + i);
        }
    }

    private static void check(RandomModels m, ModelSpec spec, ValueShape in, String what) throws Exception {
        float[][] batch = new float[19][];
        double[][] expected = new double[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = m.input(in);
            List<double[]> values = SpecReference.run(spec, batch[i]);
            expected[i] = values.get(values.size() - 1);
        }
        ExecutionPlan plan = ExecutionPlan.of(spec);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int threads = 1; threads <= 4; threads++) {
                try (BnnModel model = BnnModel.of(spec).withThreads(threads)) {
                    for (int size : new int[]{1, 2, 3, 5, 19}) {
                        float[][] part = Arrays.copyOf(batch, size);
                        String where = what + " (" + spec.ops().get(0) + "), threads " + threads + ", batch " + size;
                        agree(expected, model.predict(part), where);
                        agree(expected, plan.run(part, splittingEveryOp(threads, pool)), where + ", every op split");
                    }
                    assertEquals(expected[0].length, model.predict(batch[0]).length);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void agree(double[][] expected, float[][] actual, String where) {
        for (int i = 0; i < actual.length; i++) {
            for (int k = 0; k < expected[i].length; k++) {
                assertEquals(expected[i][k], actual[i][k], 1e-5 * Math.max(1, Math.abs(expected[i][k])),
                        where + ", example " + i + ", element " + k);
            }
        }
    }

    /** Runs tasks 1.. on the pool and task 0 in the caller, whatever an op's size. */
    private static Parallelism splittingEveryOp(int threads, ExecutorService pool) {
        return new Parallelism() {
            @Override
            public int threads() {
                return threads;
            }

            @Override
            public long minimumSplitWork() {
                return 0;
            }

            @Override
            public void run(int tasks, IntConsumer task) {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 1; t < tasks; t++) {
                    int id = t;
                    futures.add(pool.submit(() -> task.accept(id)));
                }
                task.accept(0);
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

}
