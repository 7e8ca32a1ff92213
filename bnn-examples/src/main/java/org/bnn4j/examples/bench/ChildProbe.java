package org.bnn4j.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe class in a child JVM of its own (so no measurement sees another's heap) and reads back the one line
 * it prints: {@code PREFIX key=value key=value ...} with long values.
 */
final class ChildProbe {
    /** The launcher's memory options (the file {@code ./bnn4j} starts Java with). */
    private static final String LAUNCHER_OPTIONS = "/org/bnn4j/examples/memory-jvm.options";

    private ChildProbe() {
    }

    /** The JVM options {@code ./bnn4j} starts Java with when BNN4J_JAVA_OPTS is not set. */
    static List<String> launcherOptions() throws IOException {
        try (InputStream in = ChildProbe.class.getResourceAsStream(LAUNCHER_OPTIONS)) {
            if (in == null) {
                throw new IOException("resource " + LAUNCHER_OPTIONS + " missing from the class path");
            }
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+"));
        }
    }

    /** The probe's values, or null if the child failed (out of memory, say) or ran past the timeout. */
    static Map<String, Long> run(List<String> jvmOptions, Class<?> probe, String prefix, List<String> args, int timeoutMinutes)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), probe.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Long> found = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(prefix + " ")) {
                    found = new HashMap<>();
                    for (String kv : line.substring(prefix.length() + 1).split(" ")) {
                        String[] parts = kv.split("=");
                        found.put(parts[0], Long.parseLong(parts[1]));
                    }
                }
            }
        }
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? found : null;
    }

    /** A size field of /proc/self/status ({@code VmRSS:}, {@code VmHWM:}) in bytes, or -1 where /proc is missing. */
    static long procStatusBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
