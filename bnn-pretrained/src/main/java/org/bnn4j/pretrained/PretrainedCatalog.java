package org.bnn4j.pretrained;

import org.bnn4j.runtime.BnnFormatException;
import org.bnn4j.runtime.BnnModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The pretrained models a class loader can see: the index {@value #INDEX} names each model and the SHA-256 of its
 * metadata file {@code org/bnn4j/pretrained/NAME.properties}, which in turn gives the size and SHA-256 of each of
 * its files. Every file is checked against them when it is read, so a damaged or swapped jar is an error naming the
 * model and the file, never a silently different model. {@link PretrainedModels} is this catalog for the class path
 * bnn4j was loaded from; build one over another class loader to test or to ship models of your own.
 *
 * <pre>{@code
 * PretrainedCatalog catalog = PretrainedCatalog.of(new URLClassLoader(new URL[]{dir.toUri().toURL()}, null));
 * try (BnnModel model = catalog.load("xnor-resnet20-fashion-mnist")) { ... }
 * }</pre>
 */
public final class PretrainedCatalog {
    /** Where the shipped models' resources live. */
    public static final String ROOT = "org/bnn4j/pretrained/";
    /** One line per model: its name and the SHA-256 of its metadata file. */
    public static final String INDEX = ROOT + "models.index";
    /** Far above any shipped file; a larger recorded size is damage, not a model. */
    private static final long MAX_FILE_BYTES = 256L << 20;

    private final ClassLoader loader;
    private volatile Map<String, PretrainedModel> models;

    private PretrainedCatalog(ClassLoader loader) {
        this.loader = loader;
    }

    /** The models {@code loader} sees. */
    public static PretrainedCatalog of(ClassLoader loader) {
        return new PretrainedCatalog(loader);
    }

    /** The metadata resource of the model {@code name}. */
    public static String metadataResource(String name) {
        return ROOT + name + ".properties";
    }

    /** The shipped models, in the index's order (empty when none is shipped). */
    public List<PretrainedModel> list() {
        return List.copyOf(models().values());
    }

    /**
     * @throws PretrainedModelException if no model of this name is shipped (the message lists those that are), or
     *                                  its metadata is missing or damaged
     */
    public PretrainedModel get(String name) {
        PretrainedModel m = models().get(name);
        if (m == null) {
            String shipped = models().isEmpty() ? "none (is bnn-pretrained on the class path?)"
                    : String.join(", ", models().keySet());
            throw new PretrainedModelException(name, "no such model; shipped models: " + shipped);
        }
        return m;
    }

    /**
     * Loads the packed model of {@code name} on the runtime, after checking its size and SHA-256.
     *
     * @throws PretrainedModelException naming the model and file if it is unknown, missing, damaged or invalid
     */
    public BnnModel load(String name) {
        PretrainedModel m = get(name);
        byte[] content = read(m, PretrainedModel.PACKED);
        try {
            return BnnModel.load(content);
        } catch (BnnFormatException e) {
            throw new PretrainedModelException(name, m.packedFile().resource() + " is not a valid packed model ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * The content of one of a model's files ({@link PretrainedModel#PACKED} or {@link PretrainedModel#DL4J}),
     * checked against its recorded size and SHA-256.
     *
     * @throws PretrainedModelException if the model has no file of that role, or it is missing or differs
     */
    public byte[] read(PretrainedModel m, String role) {
        ShippedFile f = m.file(role).orElseThrow(() -> new PretrainedModelException(m.name(),
                "no " + role + " file is shipped for it"));
        byte[] content = readResource(m.name(), f.resource(), f.bytes(), role.equals(PretrainedModel.DL4J)
                ? " (the DL4J zips are in bnn-zoo's jar: is bnn-zoo on the class path?)" : "");
        verify(m.name(), f, content);
        return content;
    }

    private static void verify(String name, ShippedFile expected, byte[] content) {
        if (content.length != expected.bytes()) {
            throw new PretrainedModelException(name, expected.resource() + " has " + content.length
                    + " bytes, expected " + expected.bytes() + ": the file is damaged or was replaced");
        }
        String actual = ShippedFile.sha256(content);
        if (!actual.equals(expected.sha256())) {
            throw new PretrainedModelException(name, expected.resource() + " has SHA-256 " + actual + ", expected "
                    + expected.sha256() + ": the file is damaged or was replaced");
        }
    }

    private Map<String, PretrainedModel> models() {
        Map<String, PretrainedModel> m = models;
        if (m == null) {
            m = readIndex();
            models = m;
        }
        return m;
    }

    private Map<String, PretrainedModel> readIndex() {
        Map<String, PretrainedModel> result = new LinkedHashMap<>();
        if (loader.getResource(INDEX) == null) {
            return result;
        }
        byte[] index = readResource("index", INDEX, MAX_FILE_BYTES, "");
        int lineNumber = 0;
        for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
            lineNumber++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length != 2) {
                throw new PretrainedModelException("index", INDEX + " line " + lineNumber
                        + ": expected a model name and the SHA-256 of its metadata, got '" + trimmed + "'");
            }
            result.put(fields[0], readMetadata(fields[0], fields[1]));
        }
        return result;
    }

    private PretrainedModel readMetadata(String name, String sha256) {
        String resource = metadataResource(name);
        byte[] content = readResource(name, resource, MAX_FILE_BYTES, "");
        String actual = ShippedFile.sha256(content);
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new PretrainedModelException(name, resource + " has SHA-256 " + actual + ", expected " + sha256
                    + " (from " + INDEX + "): the file is damaged or was replaced");
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
            PretrainedModel m = PretrainedModel.fromProperties(p);
            if (!m.name().equals(name)) {
                throw new IllegalArgumentException("it names the model " + m.name());
            }
            return m;
        } catch (IOException | IllegalArgumentException e) {
            throw new PretrainedModelException(name, resource + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Reads a whole resource, refusing to read past {@code expectedBytes + 1} (enough to see a longer file). */
    private byte[] readResource(String name, String resource, long expectedBytes, String hint) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PretrainedModelException(name, resource + " is missing from the class path" + hint);
            }
            long cap = Math.min(MAX_FILE_BYTES, expectedBytes) + 1;
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap));
        } catch (IOException e) {
            throw new PretrainedModelException(name, resource + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String toString() {
        return models().keySet().stream().collect(Collectors.joining(", ", "PretrainedCatalog[", "]"));
    }

    /** For callers that want the names only. */
    public List<String> names() {
        return new ArrayList<>(models().keySet());
    }
}
