package org.bnn4j.keras;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Larq-saved models in {@code shared/fixtures/larq/} beside the project (never copied into it). Tests
 * that need them are skipped when the folder is absent.
 *
 * <pre>{@code
 * Path h5 = LarqFixtures.file("gtsrb-xnor-30x30.h5");   // skips the test if the fixtures are absent
 * }</pre>
 */
final class LarqFixtures {
    private LarqFixtures() {
    }

    static Path file(String name) {
        Path file = directory().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "Larq fixture absent: " + file);
        return file;
    }

    /** The fixture, or null when the folder or the file is absent (for tests that use it only if it is there). */
    static Path optionalFile(String name) {
        Path file = directory().resolve(name);
        return Files.isRegularFile(file) ? file : null;
    }

    /** One row per line, comma-separated numbers. */
    static float[][] csv(String name) {
        try {
            List<String> lines = Files.readAllLines(file(name));
            float[][] rows = new float[lines.size()][];
            for (int i = 0; i < rows.length; i++) {
                String[] cells = lines.get(i).trim().split(",");
                rows[i] = new float[cells.length];
                for (int j = 0; j < cells.length; j++) {
                    rows[i][j] = Float.parseFloat(cells[j]);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project root (the directory holding the parent pom and bnn-layers), then its sibling shared/. */
    private static Path directory() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bnn-layers")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p.resolveSibling("shared").resolve("fixtures").resolve("larq");
            }
        }
        return Path.of("shared", "fixtures", "larq");
    }
}
