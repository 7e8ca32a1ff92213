package org.bnn4j.runtime.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The plain and the Vector API binary GEMM kernels side by side on one thread, in G binary MAC/s (one MAC = one bit
 * position), on x rows x bits x weight rows shapes. Both run through {@link BitGemm}'s cache blocking; samples
 * alternate plain, vector, plain, vector, ... so a change of machine load hits both alike; medians are printed as a
 * Markdown table with the vector / plain ratio. Without the vector kernel (Java 17, or no
 * {@code --add-modules jdk.incubator.vector}) only the plain column is measured.
 *
 * <pre>{@code
 * JAVA_HOME=/path/to/jdk25 mvn -B -q -Pbenchmarks -pl bnn-benchmarks -am package -DskipTests
 * /path/to/jdk25/bin/java --add-modules jdk.incubator.vector \
 *     -cp "bnn-benchmarks/target/classes:bnn-benchmarks/target/lib/*" org.bnn4j.runtime.engine.VectorKernelComparison
 * }</pre>
 */
public final class VectorKernelComparison {
    /** {rows, bits, weight rows}: dense layers at batch 1, 64 and 256, and a 3x3 convolution of 64 channels. */
    private static final int[][] SHAPES = {{1, 4096, 4096}, {64, 4096, 4096}, {256, 4096, 4096}, {1024, 576, 64}};
    private static final long WARM_UP_NANOS = 1_000_000_000L;
    private static final long SAMPLE_NANOS = 100_000_000L;
    private static final int SAMPLES = 11;

    private VectorKernelComparison() {
    }

    public static void main(String[] args) throws IOException {
        KernelChoice vector = KernelChoice.vectorIfAvailable();
        System.out.println("- java: " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, load average " + loadAverage());
        System.out.println("- BitGemm.implementation(): " + BitGemm.implementation());
        System.out.println("- vector kernel: " + vector.implementation());
        System.out.println();
        System.out.println("| rows x bits x weight rows | plain G MAC/s | vector G MAC/s | vector / plain |");
        System.out.println("|---|---:|---:|---:|");
        for (int[] shape : SHAPES) {
            Problem p = new Problem(shape[0], shape[1] / 64, shape[2], new Random(1));
            BitGemmKernel[] kernels = vector.isVector()
                    ? new BitGemmKernel[] {ScalarBitGemm.INSTANCE, vector.kernel()}
                    : new BitGemmKernel[] {ScalarBitGemm.INSTANCE};
            double[] rates = p.medianRates(kernels);
            String vectorRate = rates.length > 1 ? String.format("%.1f", rates[1]) : "-";
            String ratio = rates.length > 1 ? String.format("%.2fx", rates[1] / rates[0]) : "-";
            System.out.printf("| %d x %d x %d | %.1f | %s | %s |%n", shape[0], shape[1], shape[2], rates[0],
                    vectorRate, ratio);
        }
        System.out.println();
        System.out.println("- load average at the end " + loadAverage());
    }

    private static String loadAverage() throws IOException {
        Path proc = Path.of("/proc/loadavg");
        return Files.exists(proc) ? Files.readString(proc).trim() : "unknown";
    }

    /** Random x and weight rows of one shape, and the output they are counted into. */
    private static final class Problem {
        final long[][] xs;
        final long[] w;
        final int words;
        final int nOut;
        final int[][] out;

        Problem(int rows, int words, int nOut, Random r) {
            this.words = words;
            this.nOut = nOut;
            xs = new long[rows][words];
            for (long[] x : xs) {
                Arrays.setAll(x, i -> r.nextLong());
            }
            w = new long[nOut * words];
            Arrays.setAll(w, i -> r.nextLong());
            out = new int[rows][nOut];
        }

        void run(BitGemmKernel kernel) {
            BitGemm.differingBits(kernel, xs, xs.length, w, words, 0, nOut, out);
        }

        /** Median G MAC/s of each kernel, after a warm-up, sampled in turn. */
        double[] medianRates(BitGemmKernel[] kernels) {
            long warmEnd = System.nanoTime() + WARM_UP_NANOS * kernels.length;
            while (System.nanoTime() < warmEnd) {
                for (BitGemmKernel k : kernels) {
                    run(k);
                }
            }
            double macsPerCall = (double) xs.length * words * 64 * nOut;
            double[][] samples = new double[kernels.length][SAMPLES];
            for (int s = 0; s < SAMPLES; s++) {
                for (int k = 0; k < kernels.length; k++) {
                    samples[k][s] = macsPerCall / nanosPerCall(kernels[k]);
                }
            }
            double[] medians = new double[kernels.length];
            for (int k = 0; k < kernels.length; k++) {
                Arrays.sort(samples[k]);
                medians[k] = samples[k][SAMPLES / 2];
            }
            return medians;
        }

        private double nanosPerCall(BitGemmKernel kernel) {
            long start = System.nanoTime();
            long calls = 0;
            long elapsed;
            do {
                run(kernel);
                calls++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < SAMPLE_NANOS);
            return (double) elapsed / calls;
        }
    }
}
