package org.bnn4j.examples.bench;

import org.bnn4j.export.BnnSummary;
import org.bnn4j.runtime.BnnModel;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single-image latency of the ImageNet-size zoo models (Bi-Real Net-18, QuickNet) at 3x224x224 and 1000 classes: the
 * packed runtime on 1 and 2 threads against DL4J's {@code output()} of the full-precision twin and of the binarized
 * network, batch 1, interleaved. Checks the targets (Bi-Real Net-18 at most 20 ms and QuickNet at most 15 ms per image
 * on one thread) and shows Larq Compute Engine's published latencies next to them (larq-zoo, Pixel 1, one thread:
 * Bi-Real Net 41.7 ms, QuickNet 27.4 ms; QuickNet on an Apple M1, one thread: 5.8 ms). Those are ARM phones and
 * laptops with LCE's optimized ARM kernels; LCE has no optimized x86 kernels, so it cannot be run for comparison on
 * this machine.
 */
final class ImageNetBench {
    /** Runtime thread counts measured. */
    static final int[] THREADS = {1, 2};

    /** One model's target and LCE's figures. */
    private record Model(String id, double targetMs, double lcePixel1Ms, String lceOther) {
    }

    private static final Model[] MODELS = {
            new Model("birealnet18", 20, 41.7, "-"),
            new Model("quicknet", 15, 27.4, "5.8 ms (M1)"),
    };

    private ImageNetBench() {
    }

    static Table run(BenchContext ctx) throws Exception {
        Table t = new Table("ImageNet-size models, 3x224x224, batch 1 (ms per image, median)",
                "model", "DL4J float twin", "DL4J binarized", "runtime 1 thread", "runtime 2 threads",
                "runtime vs float (2 threads)", "packed", "binary MACs", "LCE Pixel 1, 1 thread", "LCE other",
                "class agrees");
        for (Model model : MODELS) {
            BenchModels.Trio m = ctx.models().imagenet(model.id());
            double one = measure(ctx, t, m, model);
            ctx.targets().atMost(m.name() + " batch 1, runtime 1 thread, ms per image (LCE, Pixel 1: "
                    + model.lcePixel1Ms() + " ms)", one, model.targetMs(), "ms");
        }
        t.note("Random weights: the zoo's init() and one training step on 2 random images; speed does not depend on the "
                + "values. The input is a random image. Neither model is trained on ImageNet here (no ImageNet offline).");
        t.note("The columns are measured interleaved, sample by sample. DL4J uses its own OpenMP threads (all cores); the "
                + "runtime's thread counts are fixed at 1 and 2 (--threads does not apply to this section).");
        t.note("LCE: Larq Compute Engine's latencies from larq-zoo's documentation (Pixel 1 phone, one thread) and its "
                + "QuickNet figure on an Apple M1 (one thread). LCE has optimized kernels for ARM only, so it is not "
                + "measured here (x86, reference kernels); the comparison is across machines.");
        return t;
    }

    /** @return the runtime's median ms per image on one thread */
    private static double measure(BenchContext ctx, Table t, BenchModels.Trio m, Model model) throws Exception {
        INDArray x = m.inputs(1, 224);
        float[] row = BenchModels.rows(x)[0];
        double twin;
        double binary;
        double one;
        double two;
        boolean agrees;
        try (BnnModel single = m.runtime().withThreads(THREADS[0]); BnnModel multi = m.runtime().withThreads(THREADS[1])) {
            Measure.Timing[] t4 = Measure.interleaved(ctx.budget(), () -> m.output(m.twin(), x),
                    () -> m.output(m.binary(), x), () -> single.predict(row), () -> multi.predict(row));
            twin = t4[0].medianMillis();
            binary = t4[1].medianMillis();
            one = t4[2].medianMillis();
            two = t4[3].medianMillis();
            agrees = multi.classify(row) == m.output(m.binary(), x).getRow(0).argMax().getInt(0);
        }
        BnnSummary s = m.exported().summary();
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("model", m.name());
        raw.put("batch", 1);
        raw.put("dl4jFloatMs", twin);
        raw.put("dl4jBinaryMs", binary);
        raw.put("runtime1ThreadMs", one);
        raw.put("runtime2ThreadsMs", two);
        raw.put("speedupVsFloat", twin / two);
        raw.put("packedBytes", s.packedBytes());
        raw.put("binaryMacShare", s.binaryMacShare());
        raw.put("targetMs1Thread", model.targetMs());
        raw.put("lcePixel1Ms1Thread", model.lcePixel1Ms());
        raw.put("lceOther", model.lceOther());
        raw.put("classAgrees", agrees);
        t.row(raw, m.name(), Table.ms(twin), Table.ms(binary), Table.ms(one), Table.ms(two), Table.ratio(twin / two),
                Table.bytes(s.packedBytes()), String.format("%.1f%%", 100 * s.binaryMacShare()),
                Table.ms(model.lcePixel1Ms()), model.lceOther(), agrees ? "yes" : "**no**");
        System.out.printf("  %s: float %.1f ms, binarized %.1f ms, runtime 1 thread %.1f ms, 2 threads %.1f ms%n",
                m.name(), twin, binary, one, two);
        return one;
    }
}
