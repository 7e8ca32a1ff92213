package org.bnn4j.examples.bench;

import org.bnn4j.runtime.BnnModel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inference latency and throughput: the packed runtime (1 thread and the default thread count) against DL4J's
 * {@code output()} of the full-precision twin and of the binarized network itself, same inputs, same run. Also
 * checks that the runtime's classes agree with the binarized DL4J network on the timed batch.
 */
final class InferenceBench {
    private InferenceBench() {
    }

    static Table run(BenchContext ctx, boolean mlp, boolean resnet) throws Exception {
        Table t = new Table("Inference, " + (mlp ? "BinaryNet MLP" : "XNOR-ResNet20") + " (ms per call, median)",
                "model", "batch", "DL4J float twin", "DL4J binarized",
                "runtime 1 thread", "runtime " + ctx.threads() + " threads", "runtime vs float", "runtime vs binarized",
                "runtime examples/s", "classes agree");
        if (mlp) {
            for (int width : new int[]{1024, 4096}) {
                BenchModels.Trio m = ctx.models().mlp(width);
                for (int batch : new int[]{1, 64}) {
                    double speedup = measure(ctx, t, m, batch);
                    if (width == 4096) {
                        ctx.targets().atLeast("MLP-4096 batch " + batch + ": runtime vs DL4J float twin", speedup,
                                batch == 1 ? 50 : 10, "x");
                    }
                }
            }
        }
        if (resnet) {
            BenchModels.Trio m = ctx.models().resnet();
            for (int batch : new int[]{1, 16}) {
                double speedup = measure(ctx, t, m, batch);
                if (batch == 1) {
                    ctx.targets().atLeast("XNOR-ResNet20 batch 1: runtime vs DL4J float twin", speedup, 5, "x");
                }
            }
        }
        t.note("Random weights: the zoo's init() and one training step on random data; speed does not depend on the "
                + "values. Inputs are random.");
        t.note("The four columns are measured interleaved, sample by sample, so load changes hit all alike.");
        t.note("Speed-ups use the runtime with the default thread count (" + ctx.threads()
                + "); DL4J uses its own OpenMP threads. Batch 1 calls predict(float[]), larger batches predict(float[][]).");
        return t;
    }

    /** @return the runtime's speed-up over the float twin */
    private static double measure(BenchContext ctx, Table t, BenchModels.Trio m, int batch) throws Exception {
        INDArray x = m.inputs(batch, 42 + batch);
        float[][] rows = BenchModels.rows(x);
        double twin;
        double binary;
        double one;
        double many;
        int agree;
        try (BnnModel single = m.runtime().withThreads(1); BnnModel multi = m.runtime().withThreads(ctx.threads())) {
            Measure.Timing[] t4 = Measure.interleaved(ctx.budget(), () -> m.output(m.twin(), x),
                    () -> m.output(m.binary(), x), predict(single, rows), predict(multi, rows));
            twin = t4[0].medianMillis();
            binary = t4[1].medianMillis();
            one = t4[2].medianMillis();
            many = t4[3].medianMillis();
            agree = agreement(multi.classify(rows), m.output(m.binary(), x));
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("model", m.name());
        raw.put("batch", batch);
        raw.put("dl4jFloatMs", twin);
        raw.put("dl4jBinaryMs", binary);
        raw.put("runtime1ThreadMs", one);
        raw.put("runtimeMs", many);
        raw.put("runtimeThreads", ctx.threads());
        raw.put("speedupVsFloat", twin / many);
        raw.put("speedupVsBinary", binary / many);
        raw.put("classesAgree", agree);
        t.row(raw, m.name(), String.valueOf(batch), Table.ms(twin), Table.ms(binary), Table.ms(one), Table.ms(many),
                Table.ratio(twin / many), Table.ratio(binary / many), String.format("%.0f", batch * 1000 / many),
                agree + "/" + batch);
        System.out.printf("  %s batch %d: float %.3f ms, binarized %.3f ms, runtime %.3f ms (1 thread %.3f)%n",
                m.name(), batch, twin, binary, many, one);
        return twin / many;
    }

    /** Batch 1 through predict(float[]), larger batches through predict(float[][]). */
    private static Runnable predict(BnnModel model, float[][] rows) {
        if (rows.length == 1) {
            float[] x = rows[0];
            return () -> model.predict(x);
        }
        return () -> model.predict(rows);
    }

    private static int agreement(int[] classes, INDArray dl4j) {
        int agree = 0;
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == dl4j.getRow(i).argMax().getInt(0)) {
                agree++;
            }
        }
        return agree;
    }
}
