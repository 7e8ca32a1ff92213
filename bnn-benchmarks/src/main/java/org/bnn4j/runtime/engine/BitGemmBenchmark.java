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
 * {@link BitGemm} on one thread against the plain XOR + {@code Long.bitCount} loop, x rows of {@code words}
 * 64-bit words against 4096 weight rows. {@code tiled} runs the kernel {@link BitGemm#implementation()} names: the
 * Vector API one when built and run on JDK 21+ with {@code --add-modules jdk.incubator.vector} (see
 * {@link VectorKernelComparison} for both side by side).
 *
 * <p>Binary MACs per call: {@code rows * words * 64 * 4096}; e.g. rows = 64,
 * words = 64 is 1.07 G MACs, so 8 ms per call is 134 G MAC/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BitGemmBenchmark {
    private static final int N_OUT = 4096;

    /** 64: a 4096-unit dense layer; 9: a 3x3 convolution of up to 64 channels. */
    @Param({"64", "9"})
    public int words;

    /** Examples (dense) or output positions (convolution) per call. */
    @Param({"1", "64"})
    public int rows;

    private long[][] xs;
    private long[] weights;
    private int[][] out;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        xs = new long[rows][words];
        for (long[] x : xs) {
            for (int i = 0; i < words; i++) x[i] = r.nextLong();
        }
        weights = new long[N_OUT * words];
        for (int i = 0; i < weights.length; i++) weights[i] = r.nextLong();
        out = new int[rows][N_OUT];
    }

    @Benchmark
    public int[][] tiled() {
        BitGemm.differingBits(xs, rows, weights, words, 0, N_OUT, out);
        return out;
    }

    @Benchmark
    public int[][] plainLoop() {
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < N_OUT; o++) {
                out[r][o] = BitGemm.plain(xs[r], weights, o * words, words);
            }
        }
        return out;
    }
}
