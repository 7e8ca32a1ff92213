package org.bnn4j.pretrained;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Writes a model's metadata file into a resources directory and records it in the index, replacing an earlier
 * entry of the same name, so that {@link PretrainedCatalog} finds it. The packaging step
 * ({@code ./bnn4j package-pretrained}) writes the model's own files first.
 *
 * <pre>{@code
 * CatalogWriter.add(Path.of("bnn-pretrained/src/main/resources"), model);
 * }</pre>
 */
public final class CatalogWriter {
    private CatalogWriter() {
    }

    /** @return the metadata file written */
    public static Path add(Path resourcesRoot, PretrainedModel model) throws IOException {
        Path metadata = resourcesRoot.resolve(PretrainedCatalog.metadataResource(model.name()));
        Files.createDirectories(metadata.getParent());
        byte[] content = metadataBytes(model);
        Files.write(metadata, content);

        Path index = resourcesRoot.resolve(PretrainedCatalog.INDEX);
        Map<String, String> entries = new TreeMap<>();
        if (Files.exists(index)) {
            for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 2 && !line.trim().startsWith("#")) {
                    entries.put(fields[0], fields[1]);
                }
            }
        }
        entries.put(model.name(), ShippedFile.sha256(content));
        List<String> lines = new ArrayList<>();
        lines.add("# bnn4j pretrained models: name and SHA-256 of NAME.properties (written by ./bnn4j package-pretrained)");
        entries.forEach((name, sha) -> lines.add(name + " " + sha));
        Files.write(index, lines, StandardCharsets.UTF_8);
        return metadata;
    }

    /** The metadata file's bytes: sorted keys and no date line, so packaging the same model twice gives the same file. */
    static byte[] metadataBytes(PretrainedModel model) throws IOException {
        Properties p = model.toProperties();
        StringWriter w = new StringWriter();
        w.write("# bnn4j pretrained model " + model.name() + " (written by ./bnn4j package-pretrained)\n");
        for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
            Properties one = new Properties();
            one.setProperty(key, p.getProperty(key));
            StringWriter line = new StringWriter();
            one.store(line, null);
            // Properties.store escapes the entry and starts with a date comment: keep the entry line only
            String[] stored = line.toString().split("\\R");
            w.write(stored[stored.length - 1]);
            w.write('\n');
        }
        return w.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
