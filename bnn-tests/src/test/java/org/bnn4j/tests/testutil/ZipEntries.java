package org.bnn4j.tests.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A zip file's entries as bytes, in order, for tests that damage one entry of a valid ModelSerializer zip. */
public final class ZipEntries {
    private ZipEntries() {
    }

    public static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    public static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    /** A copy of {@code zip} at {@code target} with one entry replaced, or removed when {@code content} is null. */
    public static Path withEntry(Path zip, String name, byte[] content, Path target) throws IOException {
        Map<String, byte[]> entries = read(zip);
        if (content == null) {
            entries.remove(name);
        } else {
            entries.put(name, content);
        }
        return write(target, entries);
    }
}
