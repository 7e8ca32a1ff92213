package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.zoo.data.ImageDataset;
import org.bnn4j.zoo.data.Layout;
import org.bnn4j.zoo.data.Normalization;
import org.deeplearning4j.util.ModelSerializer;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * How a model's inputs were prepared (data set, layout, padding, pixel range), stored inside its
 * ModelSerializer zip, so that evaluation, export and prediction feed it exactly what it was trained on.
 */
public final class DataMetadata {
    static final String KEY = "bnn4j-data.properties";
    /** Where ModelSerializer.addObjectToFile puts an object stored under {@link #KEY}. */
    static final String ENTRY = "objects/" + KEY;
    /** A few hundred bytes when bnn4j writes them. */
    private static final int MAX_ENTRY_BYTES = 64 << 10;
    /** Padding is to 32x32 today; far larger values are damage, not a choice. */
    private static final int MAX_PADDED_SIDE = 1024;

    public final String dataset;
    public final Layout layout;
    public final int padTo;
    public final Normalization normalization;

    public DataMetadata(String dataset, Layout layout, int padTo, Normalization normalization) {
        this.dataset = dataset;
        this.layout = layout;
        this.padTo = padTo;
        this.normalization = normalization;
    }

    public static DataMetadata of(DatasetCatalog.Options o) {
        return new DataMetadata(o.dataset, o.layout, o.padTo, o.normalization);
    }

    /** Adds these settings to an existing model zip. */
    public void writeTo(File modelZip) {
        Properties p = new Properties();
        p.setProperty("dataset", dataset);
        p.setProperty("layout", layout.name());
        p.setProperty("padTo", Integer.toString(padTo));
        p.setProperty("normalization", normalization.name());
        StringWriter w = new StringWriter();
        try {
            p.store(w, "bnn4j input preparation");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModelSerializer.addObjectToFile(modelZip, KEY, w.toString());
    }

    /**
     * The settings stored in a model zip, if it has them (models not trained by bnn4j's CLI do not).
     *
     * @throws ModelFileException if the zip cannot be read or its settings are damaged
     */
    public static Optional<DataMetadata> readFrom(File modelZip) {
        Path file = modelZip.toPath();
        Optional<byte[]> stored;
        try (ModelZipFile zip = ModelZipFile.open(file)) {
            stored = zip.bytes(ENTRY, MAX_ENTRY_BYTES);
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(SerializedString.decode(stored.get())));
        } catch (IllegalArgumentException | IOException e) {
            throw damaged(file, "cannot be decoded (" + Messages.describe(e) + ")");
        }
        return Optional.of(parse(p, file));
    }

    private static DataMetadata parse(Properties p, Path file) {
        ImageDataset dataset;
        try {
            dataset = ImageDataset.fromId(required(p, "dataset", file));
        } catch (IllegalArgumentException e) {
            throw damaged(file, "names a data set bnn4j does not know");
        }
        Layout layout;
        try {
            layout = Layout.valueOf(required(p, "layout", file));
        } catch (IllegalArgumentException e) {
            throw damaged(file, "gives layout '" + p.getProperty("layout") + "', expected FLAT, NCHW or NHWC");
        }
        int padTo;
        try {
            padTo = Integer.parseInt(p.getProperty("padTo", "0"));
        } catch (NumberFormatException e) {
            throw damaged(file, "gives a padTo that is not a whole number");
        }
        if (padTo != 0 && (padTo < dataset.height() || padTo > MAX_PADDED_SIDE)) {
            throw damaged(file, "gives padTo " + padTo + ", expected 0 or " + dataset.height() + ".." + MAX_PADDED_SIDE);
        }
        Normalization normalization;
        try {
            normalization = Normalization.valueOf(required(p, "normalization", file));
        } catch (IllegalArgumentException e) {
            throw damaged(file, "names an unknown normalization");
        }
        return new DataMetadata(dataset.id(), layout, padTo, normalization);
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw damaged(file, "has no " + key);
        }
        return value;
    }

    private static ModelFileException damaged(Path file, String problem) {
        return new ModelFileException(file, "its input preparation (" + ENTRY + ") " + problem);
    }

    /** Data options that reproduce this preparation. */
    public DatasetCatalog.Options toOptions() {
        DatasetCatalog.Options o = new DatasetCatalog.Options();
        o.dataset = dataset;
        o.layout = layout;
        o.padTo = padTo;
        o.normalization = normalization;
        return o;
    }
}
