package org.bnn4j.examples.bench;

import org.bnn4j.runtime.BnnModel;
import org.bnn4j.runtime.engine.BitGemm;
import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.runtime.format.Window;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Achieved multiply-accumulates per second: the runtime's binary GEMM ({@link BitGemm}, one bit position = one
 * MAC) and its dense and 3x3 convolution ops (packing, patches and thresholds included), next to ND4J's float32
 * GEMM on the same M x K x N shape in the same run (for a convolution: the im2col product, M = batch x positions,
 * K = 9 x channels, N = output channels).
 */
final class KernelBench {
    private KernelBench() {
    }

    static Table run(BenchContext ctx) throws Exception {
        Table t = new Table("Kernel throughput (G MAC/s, median)", "kernel", "M x K x N", "runtime, 1 thread",
                "runtime, " + ctx.threads() + " threads", "ND4J float32 GEMM", "binary / float");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, ctx.threads() - 1), r -> {
            Thread th = new Thread(r, "bench-gemm");
            th.setDaemon(true);
            return th;
        });
        try {
            for (int m : new int[]{1, 64, 256}) {
                double ratio = gemm(ctx, t, pool, m, 4096, 4096);
                if (m == 256) {
                    ctx.targets().atLeast("binary GEMM 256x4096x4096 vs ND4J float32 GEMM", ratio, 10, "x");
                    ctx.targets().atLeast("binary GEMM 256x4096x4096, " + ctx.threads() + " threads",
                            (double) t.records().get(t.records().size() - 1).get("runtimeGmacs"), 200, "G MAC/s");
                }
            }
            op(ctx, t, "dense op, sign input, thresholds", 64, ValueShape.vector(4096), 4096, null);
            Window same3 = new Window(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
            op(ctx, t, "3x3 conv op, 16 ch 32x32, +1 pad", 16, ValueShape.image(16, 32, 32), 16, same3);
            op(ctx, t, "3x3 conv op, 64 ch 8x8, +1 pad", 16, ValueShape.image(64, 8, 8), 64, same3);
        } finally {
            pool.shutdownNow();
        }
        t.note("Binary MACs count useful bit positions (convolutions of fewer than 64 channels pack their taps densely). "
                + "The op rows time a one-op packed model through predict: they include packing the float input into "
                + "sign bits and unpacking the output; `bench --profile` times an op alone.");
        t.note("ND4J float32 GEMM: Nd4j.gemm on preallocated C-order arrays, ND4J's own threads; measured interleaved with the binary kernels.");
        return t;
    }

    /** @return binary over float for the context's threads */
    private static double gemm(BenchContext ctx, Table t, ExecutorService pool, int m, int k, int n) {
        Random r = new Random(7);
        int words = k / 64;
        long[][] xs = new long[m][words];
        for (long[] row : xs) {
            for (int i = 0; i < words; i++) row[i] = r.nextLong();
        }
        long[] w = new long[n * words];
        for (int i = 0; i < w.length; i++) w[i] = r.nextLong();
        int[][] out = new int[m][n];
        int tasks = ctx.threads();
        Runnable one = () -> BitGemm.differingBits(xs, m, w, words, 0, n, out);
        Runnable many = () -> {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 1; p < tasks; p++) {
                int from = n * p / tasks & ~3;
                int to = p == tasks - 1 ? n : n * (p + 1) / tasks & ~3;
                futures.add(pool.submit(() -> BitGemm.differingBits(xs, m, w, words, from, to, out)));
            }
            BitGemm.differingBits(xs, m, w, words, 0, tasks == 1 ? n : n / tasks & ~3, out);
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        return row(ctx, t, "binary GEMM (BitGemm)", m, k, n, one, many);
    }

    /** A one-op model (dense or 3x3 convolution, XNOR, integer thresholds) run by BnnModel on a batch. */
    private static void op(BenchContext ctx, Table t, String name, int batch, ValueShape in, int nOut, Window window)
            throws Exception {
        Random r = new Random(11);
        int taps = window == null ? 1 : window.taps();
        boolean[] negative = new boolean[nOut * taps * in.channels()];
        for (int i = 0; i < negative.length; i++) negative[i] = r.nextBoolean();
        LinearSpec op = new LinearSpec(name.startsWith("dense") ? "dense" : "conv", 0, InputMode.SIGN, nOut, in.channels(),
                window, window == null ? 0 : 1, new Weights.Binary(BitPacking.packRows(negative, nOut * taps, in.channels())),
                new OutputStage.IntThresholds(new int[nOut], new boolean[nOut]));
        ModelSpec spec = new ModelSpec("bench", in, List.of(op));
        float[][] x = new float[batch][(int) in.size()];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) row[i] = (float) r.nextGaussian();
        }
        long positions = window == null ? 1 : (long) window.outHeight(in.height()) * window.outWidth(in.width());
        try (BnnModel single = BnnModel.of(spec).withThreads(1); BnnModel multi = BnnModel.of(spec).withThreads(ctx.threads())) {
            row(ctx, t, name + ", batch " + batch, (int) (batch * positions), taps * in.channels(), nOut,
                    () -> single.predict(x), () -> multi.predict(x));
        }
    }

    /**
     * Times the binary kernel on one and on the context's threads, interleaved with ND4J's float32 GEMM on the same
     * shape, and adds the row; returns binary (many threads) / float.
     */
    private static double row(BenchContext ctx, Table t, String kernel, int m, int k, int n, Runnable one, Runnable many) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        Measure.Timing[] times = Measure.interleaved(ctx.budget(), one, many, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0));
        double macs = (double) m * k * n;
        double oneRate = macs / times[0].medianMillis() / 1e6;
        double manyRate = macs / times[1].medianMillis() / 1e6;
        double floatRate = macs / times[2].medianMillis() / 1e6;
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("kernel", kernel);
        raw.put("m", m);
        raw.put("k", k);
        raw.put("n", n);
        raw.put("runtime1ThreadGmacs", oneRate);
        raw.put("runtimeGmacs", manyRate);
        raw.put("nd4jFloatGmacs", floatRate);
        raw.put("binaryOverFloat", manyRate / floatRate);
        t.row(raw, kernel, m + " x " + k + " x " + n, String.format("%.1f", oneRate), String.format("%.1f", manyRate),
                String.format("%.1f", floatRate), Table.ratio(manyRate / floatRate));
        System.out.printf("  %s %dx%dx%d: binary %.1f / %.1f G MAC/s, float %.1f G MAC/s%n", kernel, m, k, n, oneRate,
                manyRate, floatRate);
        return manyRate / floatRate;
    }
}
