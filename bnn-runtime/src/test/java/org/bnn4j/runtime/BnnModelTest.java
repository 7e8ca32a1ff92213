package org.bnn4j.runtime;

import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.testutil.FormatDoc;
import org.bnn4j.runtime.testutil.RandomModels;
import org.bnn4j.runtime.testutil.SampleModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public API of {@link BnnModel}: loading, input checks, batches, threads, classification and traces. */
class BnnModelTest {
    private static final byte[] CONV_NET = ModelWriter.toBytes(SampleModels.convNet(11));

    private static float[][] inputs(int n, int size, long seed) {
        RandomModels m = new RandomModels(seed);
        float[][] x = new float[n][size];
        for (float[] row : x) for (int i = 0; i < size; i++) row[i] = m.eighth(2);
        return x;
    }

    @Test
    void wrongInputLengthNamesExpectedAndActualSize() throws Exception {
        BnnModel model = BnnModel.load(CONV_NET);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(new float[191]));
        assertEquals("input has 191 values, the model expects 192 (shape [3, 8, 8], flattened channels, height, width)",
                e.getMessage());
        float[][] batch = {new float[192], new float[10]};
        IllegalArgumentException batchError = assertThrows(IllegalArgumentException.class, () -> model.predict(batch));
        assertTrue(batchError.getMessage().startsWith("input 1 has 10 values, the model expects 192"), batchError.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.classify(new float[0]));
        assertThrows(IllegalArgumentException.class, () -> model.trace(new float[193]));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> model.predict((float[]) null));
        assertEquals("input", npe.getMessage());
    }

    @Test
    void batchesGiveTheSameOutputsAsSingleExamplesWithAnyNumberOfThreads() throws Exception {
        float[][] x = inputs(37, 192, 1);
        BnnModel single = BnnModel.load(CONV_NET).withThreads(1);
        float[][] expected = new float[x.length][];
        for (int i = 0; i < x.length; i++) expected[i] = single.predict(x[i]);
        for (int threads : new int[]{1, 2, 3, 8}) {
            try (BnnModel model = BnnModel.load(CONV_NET).withThreads(threads)) {
                assertEquals(threads, model.threads());
                float[][] actual = model.predict(x);
                for (int i = 0; i < x.length; i++) assertArrayEquals(expected[i], actual[i], "threads " + threads + ", example " + i);
                int[] classes = model.classify(x);
                for (int i = 0; i < x.length; i++) assertEquals(BnnModel.argMax(expected[i]), classes[i]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> single.withThreads(0));
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        BnnModel model = BnnModel.load(CONV_NET);
        float[][] x = inputs(16, 192, 2);
        float[][] expected = new float[x.length][];
        for (int i = 0; i < x.length; i++) expected[i] = model.predict(x[i]);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                Callable<Boolean> job = () -> {
                    for (int k = 0; k < 100; k++) {
                        int i = (k * 7 + offset) % x.length;
                        if (!java.util.Arrays.equals(expected[i], model.predict(x[i]))) return false;
                    }
                    return true;
                };
                results.add(callers.submit(job));
            }
            for (Future<Boolean> f : results) assertTrue(f.get(), "a concurrent caller saw another caller's result");
        } finally {
            callers.shutdown();
        }
    }

    @Test
    void classifyReturnsTheLargestOutputAndInputsAreNotModified() throws Exception {
        BnnModel model = BnnModel.load(FormatDoc.testVector());
        float[] x = {0.5f, -2f, 0f};
        assertEquals(0, model.classify(x));
        assertArrayEquals(new float[]{0.5f, -2f, 0f}, x);
        assertEquals(0, BnnModel.argMax(new float[]{1f, 1f, 0f}), "ties go to the first");
    }

    @Test
    void loadsFromPathsStreamsAndBytesAndDescribesItself(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.bnn");
        Files.write(file, CONV_NET);
        BnnModel fromPath = BnnModel.load(file);
        BnnModel fromStream = BnnModel.load(new ByteArrayInputStream(CONV_NET));
        float[] x = inputs(1, 192, 3)[0];
        assertArrayEquals(fromPath.predict(x), fromStream.predict(x));
        assertArrayEquals(new int[]{3, 8, 8}, fromPath.inputShape());
        assertArrayEquals(new int[]{10}, fromPath.outputShape());
        assertEquals(10, fromPath.outputSize());
        assertTrue(fromPath.toString().contains("CONV2D 'conv1' -> [16, 4, 4] ±1"), fromPath.toString());
    }

    @Test
    void traceGivesEveryOpOutputByName() throws Exception {
        BnnModel model = BnnModel.load(CONV_NET);
        float[] x = inputs(1, 192, 4)[0];
        Trace trace = model.trace(x);
        assertEquals(model.opNames(), trace.names());
        assertTrue(trace.isBinary("conv0"));
        assertTrue(trace.isBinary("pool0"), "max pooling keeps ±1 values packed");
        assertFalse(trace.isBinary("add"));
        assertArrayEquals(new int[]{16, 8, 8}, trace.shape("conv0"));
        for (float v : trace.values("conv1")) assertTrue(v == 1f || v == -1f);
        assertArrayEquals(model.predict(x), trace.values("softmax"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trace.values("nope"));
        assertTrue(e.getMessage().contains("no op named 'nope'"));
    }

    /** close() before any worker exists sticks: later calls fail clearly instead of starting a pool. */
    @Test
    void aClosedModelRefusesCallsEvenIfNoWorkerEverStarted() throws Exception {
        float[][] x = inputs(8, 192, 5);
        BnnModel model = BnnModel.load(CONV_NET).withThreads(4);
        model.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predict(x));
        assertEquals("this BnnModel is closed", e.getMessage());
        assertThrows(IllegalStateException.class, () -> model.predict(x[0]));
        assertThrows(IllegalStateException.class, () -> model.classify(x));
        assertThrows(IllegalStateException.class, () -> model.trace(x[0]));
        model.close(); // twice is fine

        BnnModel used = BnnModel.load(CONV_NET).withThreads(4);
        float[][] before = used.predict(x); // starts the workers
        used.close();
        assertThrows(IllegalStateException.class, () -> used.predict(x));
        try (BnnModel other = used.withThreads(2)) { // a copy has its own workers and is open
            float[][] after = other.predict(x);
            for (int i = 0; i < x.length; i++) assertArrayEquals(before[i], after[i]);
        }
    }

    /** Any thread count is capped, so withThreads(Integer.MAX_VALUE) starts a bounded pool and computes the same. */
    @Test
    void threadCountsAreCapped() throws Exception {
        assertTrue(BnnModel.maxThreads() >= 16);
        float[][] x = inputs(40, 192, 6);
        BnnModel single = BnnModel.load(CONV_NET).withThreads(1);
        try (BnnModel many = single.withThreads(Integer.MAX_VALUE)) {
            assertEquals(BnnModel.maxThreads(), many.threads());
            float[][] actual = many.predict(x);
            for (int i = 0; i < x.length; i++) assertArrayEquals(single.predict(x[i]), actual[i], "example " + i);
        }
    }
}
