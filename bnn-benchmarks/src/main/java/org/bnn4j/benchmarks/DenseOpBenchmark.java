package org.bnn4j.benchmarks;

import org.bnn4j.runtime.BnnModel;
import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A whole XNOR dense op through {@link BnnModel}: sign packing of the float input, the binary GEMM, thresholds to
 * bits and unpacking the output, 4096 to 4096 units ({@code batch * 16.8 M} binary MACs per call), on 1 or 2 threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DenseOpBenchmark {
    private static final int UNITS = 4096;

    @Param({"1", "64"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private BnnModel model;
    private float[][] inputs;

    @Setup
    public void setUp() throws Exception {
        Random r = new Random(3);
        boolean[] negative = new boolean[UNITS * UNITS];
        for (int i = 0; i < negative.length; i++) negative[i] = r.nextBoolean();
        LinearSpec dense = new LinearSpec("dense", 0, InputMode.SIGN, UNITS, UNITS, null, 0,
                new Weights.Binary(BitPacking.packRows(negative, UNITS, UNITS)),
                new OutputStage.IntThresholds(new int[UNITS], new boolean[UNITS]));
        model = BnnModel.of(new ModelSpec("jmh", ValueShape.vector(UNITS), List.of(dense))).withThreads(threads);
        inputs = new float[batch][UNITS];
        for (float[] x : inputs) {
            for (int i = 0; i < UNITS; i++) x[i] = (float) r.nextGaussian();
        }
    }

    @TearDown
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public float[][] predict() {
        return batch == 1 ? new float[][]{model.predict(inputs[0])} : model.predict(inputs);
    }
}
