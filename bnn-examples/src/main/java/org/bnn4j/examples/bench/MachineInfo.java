package org.bnn4j.examples.bench;

import org.bnn4j.runtime.engine.BitGemm;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark ran on: CPU model and cores, JVM, the runtime's binary GEMM kernel, ND4J backend and its
 * threads, and the load average (read at the start and the end of a run, because these machines are shared).
 */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpuFlags", cpuFlags());
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("binaryGemm", BitGemm.implementation()); // plain, or the Vector API kernel (JDK 21+)
        m.put("maxHeapMB", Runtime.getRuntime().maxMemory() >> 20);
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("nd4jBackend", Nd4j.getBackend().getClass().getSimpleName() + " ("
                + Nd4j.getExecutioner().getEnvironmentInformation().getOrDefault("blas.vendor", "?") + ", "
                + Nd4j.getExecutioner().getEnvironmentInformation().getOrDefault("omp.threads", "?") + " OpenMP threads)");
        return m;
    }

    /** The 1-, 5- and 15-minute load averages, as /proc/loadavg says. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String cpuModel() {
        return cpuinfoField("model name", System.getProperty("os.arch"));
    }

    /** The SIMD features that matter for popcount kernels. */
    private static String cpuFlags() {
        String flags = " " + cpuinfoField("flags", "") + " ";
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("popcnt", "avx2", "avx512f", "avx512_vpopcntdq")) {
            if (flags.contains(" " + f + " ")) {
                sb.append(sb.length() == 0 ? "" : " ").append(f);
            }
        }
        return sb.toString();
    }

    private static String cpuinfoField(String field, String fallback) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(field)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return fallback;
    }
}
