package org.bnn4j.runtime;

import org.bnn4j.runtime.engine.ExecutionPlan;
import org.bnn4j.runtime.engine.Parallelism;
import org.bnn4j.runtime.format.ModelReader;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ValueShape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntConsumer;

/**
 * A packed binarized/ternary network, loaded from a bnn4j model file and run with XNOR and popcount: no DL4J,
 * no ND4J, nothing but a JVM.
 *
 * <p>Inputs are one example flattened in DL4J's order: the features of a dense input, or channels, height, width
 * (C, H, W) of an image. A model is immutable and safe for concurrent callers. Calls use {@link #threads()}
 * threads: the caller's and daemon workers started on first use ({@link #close()} stops them, and the model then
 * refuses further calls). A batch of at least that many examples is shared out by examples; a smaller one (a single
 * prediction too) has each dense and convolution op split its output rows or channels between the threads.
 *
 * <p>Loading checks the file ({@link BnnFormatException} for any fault) and what the model would demand per example
 * ({@link LoadLimits}: memory and work per op, generous defaults); values are freed after their last use.
 *
 * <pre>{@code
 * try (BnnModel model = BnnModel.load(Path.of("mnist.bnn")).withThreads(2)) {
 *     float[] probabilities = model.predict(pixels);     // 784 values in, 10 out
 *     int digit = model.classify(pixels);
 *     int[] digits = model.classify(batchOfImages);      // float[n][784], in parallel
 * }
 * }</pre>
 */
public final class BnnModel implements AutoCloseable {
    private final ModelSpec spec;
    private final ExecutionPlan plan;
    private final int threads;
    private final Parallelism parallelism = new Parallelism() {
        @Override
        public int threads() {
            return threads;
        }

        @Override
        public void run(int tasks, IntConsumer task) {
            runTasks(tasks, task);
        }
    };
    private ExecutorService pool;
    private volatile boolean closed;

    private BnnModel(ModelSpec spec, ExecutionPlan plan, int threads) {
        this.spec = spec;
        this.plan = plan;
        this.threads = threads;
    }

    /**
     * @throws BnnFormatException if the file is not a valid model, or exceeds {@link LoadLimits#defaults()} (the
     *                            message says why)
     */
    public static BnnModel load(Path file) throws IOException {
        return load(file, LoadLimits.defaults());
    }

    /** As {@link #load(Path)}, within the given limits. */
    public static BnnModel load(Path file, LoadLimits limits) throws IOException {
        ModelSpec spec = ModelReader.read(file); // names the file in its messages
        try {
            return of(spec, limits);
        } catch (BnnFormatException e) {
            throw new BnnFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads one model, which must end where the stream ends. Does not close the stream. */
    public static BnnModel load(InputStream stream) throws IOException {
        return load(stream, LoadLimits.defaults());
    }

    /** As {@link #load(InputStream)}, within the given limits. */
    public static BnnModel load(InputStream stream, LoadLimits limits) throws IOException {
        return of(ModelReader.read(stream), limits);
    }

    public static BnnModel load(byte[] file) throws BnnFormatException {
        return load(file, LoadLimits.defaults());
    }

    /** As {@link #load(byte[])}, within the given limits. */
    public static BnnModel load(byte[] file, LoadLimits limits) throws BnnFormatException {
        return of(ModelReader.read(file), limits);
    }

    /** A model from its in-memory description (validated first). */
    public static BnnModel of(ModelSpec spec) throws BnnFormatException {
        return of(spec, LoadLimits.defaults());
    }

    /** As {@link #of(ModelSpec)}, within the given limits. */
    public static BnnModel of(ModelSpec spec, LoadLimits limits) throws BnnFormatException {
        return new BnnModel(spec, ExecutionPlan.of(spec, limits), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The same model with {@code threads} threads per call (1 runs everything in the calling thread), at most
     * {@link #maxThreads()}: more threads than that only add switching, and an unbounded count would start unbounded
     * worker threads. The new model has its own workers (closing one model does not close the other).
     */
    public BnnModel withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new BnnModel(spec, plan, Math.min(threads, maxThreads()));
    }

    /**
     * The most threads a model uses: 4 per available processor, at least 16 (so tests and small machines can still
     * oversubscribe a little).
     */
    public static int maxThreads() {
        return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Which XOR/popcount kernel this JVM runs and, for the plain one, why not the Vector API kernel: e.g.
     * {@code "vector (512-bit LongVector)"} or {@code "plain (jdk.incubator.vector not resolved; run with
     * --add-modules jdk.incubator.vector)"}. The same for every model in a JVM.
     */
    public static String kernel() {
        return org.bnn4j.runtime.engine.BitGemm.implementation();
    }

    public int threads() {
        return threads;
    }

    /** The format description the model was loaded from. */
    public ModelSpec spec() {
        return spec;
    }

    /** {@code [features]} or {@code [channels, height, width]}. */
    public int[] inputShape() {
        return plan.shapes().get(0).dims();
    }

    public int inputSize() {
        return (int) plan.shapes().get(0).size();
    }

    public int[] outputShape() {
        return outputValueShape().dims();
    }

    public int outputSize() {
        return (int) outputValueShape().size();
    }

    /** Op names in execution order (the DL4J layers and vertices whose outputs they compute). */
    public List<String> opNames() {
        return plan.opNames();
    }

    /**
     * @param input one example, {@link #inputSize()} values
     * @return the model's output (class probabilities for a softmax classifier)
     * @throws IllegalArgumentException if the input has the wrong length
     */
    public float[] predict(float[] input) {
        ensureOpen();
        return runBatch(new float[][]{checked(input, -1)})[0];
    }

    /** Predicts every example, in parallel over {@link #threads()} threads; row i of the result is example i's output. */
    public float[][] predict(float[][] inputs) {
        ensureOpen();
        Objects.requireNonNull(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) {
            checked(inputs[i], i);
        }
        return runBatch(inputs);
    }

    /** The index of the largest output (the first one on ties). */
    public int classify(float[] input) {
        return argMax(predict(input));
    }

    public int[] classify(float[][] inputs) {
        float[][] outputs = predict(inputs);
        int[] classes = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            classes[i] = argMax(outputs[i]);
        }
        return classes;
    }

    /** Runs one example and keeps every op's output. */
    public Trace trace(float[] input) {
        ensureOpen();
        List<float[]> outputs = plan.trace(checked(input, -1));
        Trace trace = new Trace();
        List<String> names = plan.opNames();
        for (int i = 0; i < outputs.size(); i++) {
            trace.add(names.get(i), plan.shapes().get(i + 1).dims(), outputs.get(i), plan.binaryOutput(i));
        }
        return trace;
    }

    /**
     * Runs one example {@code repetitions} times (after as many warm-up runs) on {@link #threads()} threads and
     * reports each op's median time: where a prediction's time goes.
     *
     * @throws IllegalArgumentException if the input has the wrong length or {@code repetitions < 1}
     */
    public Profile profile(float[] input, int repetitions) {
        ensureOpen();
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, got " + repetitions);
        }
        float[][] one = {checked(input, -1)};
        int ops = plan.opNames().size();
        long[][] samples = new long[ops][repetitions];
        for (int r = 0; r < 2 * repetitions; r++) {
            long[] nanos = new long[ops];
            plan.run(one, parallelism, nanos);
            if (r >= repetitions) {
                for (int op = 0; op < ops; op++) {
                    samples[op][r - repetitions] = nanos[op];
                }
            }
        }
        List<Profile.Op> rows = new ArrayList<>();
        List<String> names = plan.opNames();
        List<String> kinds = plan.opCodes();
        for (int op = 0; op < ops; op++) {
            long[] s = samples[op];
            Arrays.sort(s);
            rows.add(new Profile.Op(names.get(op), kinds.get(op), plan.shapes().get(op + 1).dims(), s[s.length / 2] / 1e6,
                    plan.macs(op)));
        }
        return new Profile(rows, repetitions, threads);
    }

    /**
     * Stops the worker threads, if any were started, and closes the model: later calls ({@code predict},
     * {@code classify}, {@code trace}) throw {@link IllegalStateException}, and no worker is ever started again.
     * Calls already running finish, in the calling thread. Closing twice does nothing.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.shutdown();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this BnnModel is closed");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BnnModel{producer=").append(spec.producer())
                .append(", input=").append(plan.shapes().get(0)).append(", ops:");
        for (int i = 0; i < spec.ops().size(); i++) {
            sb.append("\n  ").append(spec.ops().get(i).opCode()).append(" '").append(spec.ops().get(i).name())
                    .append("' -> ").append(plan.shapes().get(i + 1)).append(plan.binaryOutput(i) ? " ±1" : "");
        }
        return sb.append("\n}").toString();
    }

    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private ValueShape outputValueShape() {
        return plan.shapes().get(plan.shapes().size() - 1);
    }

    private float[] checked(float[] input, int example) {
        String which = example < 0 ? "input" : "input " + example;
        Objects.requireNonNull(input, which);
        if (input.length != inputSize()) {
            throw new IllegalArgumentException(which + " has " + input.length + " values, the model expects "
                    + inputSize() + " (shape " + plan.shapes().get(0) + (plan.shapes().get(0).isImage()
                    ? ", flattened channels, height, width)" : ")"));
        }
        return input;
    }

    /**
     * Runs a batch: with at least as many examples as threads, each thread runs a contiguous share of the
     * examples; with fewer, the examples run together in the calling thread and each dense or convolution op
     * splits its own work between the threads.
     */
    private float[][] runBatch(float[][] inputs) {
        int parts = Math.min(threads, inputs.length);
        if (threads == 1 || parts < threads) {
            return plan.run(inputs, parallelism);
        }
        float[][] outputs = new float[inputs.length][];
        runTasks(parts, p -> {
            int from = (int) ((long) inputs.length * p / parts);
            int to = (int) ((long) inputs.length * (p + 1) / parts);
            float[][] share = plan.run(Arrays.copyOfRange(inputs, from, to), Parallelism.SERIAL);
            System.arraycopy(share, 0, outputs, from, share.length);
        });
        return outputs;
    }

    /**
     * Runs tasks {@code 0 .. tasks-1}: task 0 in the calling thread, the others on the workers (or in the calling
     * thread too when the pool is closed). Workers never wait for other tasks, so concurrent callers cannot
     * deadlock the pool.
     */
    private void runTasks(int tasks, IntConsumer task) {
        ExecutorService workers = tasks > 1 ? workers() : null;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 1; t < tasks; t++) {
            int id = t;
            Future<?> f = null;
            if (workers != null) {
                try {
                    f = workers.submit(() -> task.accept(id));
                } catch (RejectedExecutionException closedMeanwhile) {
                    f = null;
                }
            }
            if (f == null) {
                task.accept(id);
            } else {
                futures.add(f);
            }
        }
        task.accept(0);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the worker threads", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a worker thread failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** The worker pool, started on first use; null when single-threaded or closed. */
    private synchronized ExecutorService workers() {
        if (threads == 1 || closed) {
            return null;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads - 1, r -> { // the calling thread is the other one
                Thread t = new Thread(r, "bnn4j-runtime-worker");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }
}
