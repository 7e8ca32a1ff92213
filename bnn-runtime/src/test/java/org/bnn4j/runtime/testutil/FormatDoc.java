package org.bnn4j.runtime.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads docs/FORMAT.md's test vectors, so the specification and the code cannot drift apart. */
public final class FormatDoc {
    private FormatDoc() {
    }

    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("FORMAT.md");
            if (Files.exists(candidate)) return candidate;
        }
        throw new IllegalStateException("docs/FORMAT.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The bytes of the first test vector, the ```hex block: "offset: bytes ; comment" lines. */
    public static byte[] testVector() {
        return testVector("");
    }

    /** The bytes of the block that opens with "```hex tag" ("```hex" alone for the empty tag). */
    public static byte[] testVector(String tag) {
        String opening = ("```hex " + tag).trim();
        List<String> lines;
        try {
            lines = Files.readAllLines(path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Byte> bytes = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (!inside && line.equals(opening)) {
                inside = true;
            } else if (inside && line.startsWith("```")) {
                break;
            } else if (inside) {
                String data = line.substring(line.indexOf(':') + 1);
                int comment = data.indexOf(';');
                if (comment >= 0) data = data.substring(0, comment);
                for (String hex : data.trim().split("\\s+")) {
                    if (!hex.isEmpty()) bytes.add((byte) Integer.parseInt(hex, 16));
                }
            }
        }
        if (bytes.isEmpty()) throw new IllegalStateException("no test vector " + opening + " in " + path());
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) out[i] = bytes.get(i);
        return out;
    }
}
