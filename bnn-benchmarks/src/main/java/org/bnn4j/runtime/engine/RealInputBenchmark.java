package org.bnn4j.runtime.engine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The real-input first layer of BinaryNet on MNIST (784 pixels, {@code nOut} binary units): {@link RealPlaneSums}
 * with the byte table against the bit walk, one example per call ({@code 784 * nOut} MACs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RealInputBenchmark {
    private static final int INPUTS = 784;

    @Param({"1024", "4096"})
    public int nOut;

    @Param({"true", "false"})
    public boolean byteTable;

    private float[] x;
    private float[] out;
    private RealPlaneSums sums;
    private Accumulators scratch;

    @Setup
    public void setUp() {
        Random r = new Random(2);
        int words = (INPUTS + 63) / 64;
        long[] plane = new long[nOut * words];
        for (int o = 0; o < nOut; o++) {
            for (int i = 0; i < words; i++) {
                plane[o * words + i] = i == words - 1 ? r.nextLong() & ((1L << (INPUTS % 64)) - 1) : r.nextLong();
            }
        }
        x = new float[INPUTS];
        for (int i = 0; i < INPUTS; i++) x[i] = r.nextFloat();
        out = new float[nOut];
        sums = new RealPlaneSums(plane, nOut, 1, INPUTS, words, byteTable);
        scratch = new Accumulators(1, nOut, false);
    }

    @Benchmark
    public float[] sums() {
        sums.sums(x, 0, nOut, out, scratch);
        return out;
    }
}
