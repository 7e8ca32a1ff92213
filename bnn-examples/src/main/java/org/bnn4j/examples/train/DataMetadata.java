package org.bnn4j.examples.train;

import org.bnn4j.zoo.data.Normalization;
import org.deeplearning4j.util.ModelSerializer;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * How a model's inputs were prepared (data set, layout, padding, pixel range), stored inside its
 * ModelSerializer zip, so that evaluation, export and prediction feed it exactly what it was trained on.
 */
public final class DataMetadata {
    static final String KEY = "bnn4j-data.properties";

    public final String dataset;
    public final boolean images;
    public final int padTo;
    public final Normalization normalization;

    public DataMetadata(String dataset, boolean images, int padTo, Normalization normalization) {
        this.dataset = dataset;
        this.images = images;
        this.padTo = padTo;
        this.normalization = normalization;
    }

    public static DataMetadata of(DatasetCatalog.Options o) {
        return new DataMetadata(o.dataset, o.images, o.padTo, o.normalization);
    }

    /** Adds these settings to an existing model zip. */
    public void writeTo(File modelZip) {
        Properties p = new Properties();
        p.setProperty("dataset", dataset);
        p.setProperty("layout", images ? "NCHW" : "FLAT");
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

    /** The settings stored in a model zip, if it has them (models not trained by bnn4j's CLI do not). */
    public static Optional<DataMetadata> readFrom(File modelZip) {
        if (!ModelSerializer.listObjectsInFile(modelZip).contains(KEY)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(ModelSerializer.<String>getObjectFromFile(modelZip, KEY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new DataMetadata(p.getProperty("dataset"), "NCHW".equals(p.getProperty("layout")),
                Integer.parseInt(p.getProperty("padTo", "0")), Normalization.valueOf(p.getProperty("normalization"))));
    }

    /** Data options that reproduce this preparation. */
    DatasetCatalog.Options toOptions() {
        DatasetCatalog.Options o = new DatasetCatalog.Options();
        o.dataset = dataset;
        o.images = images;
        o.padTo = padTo;
        o.normalization = normalization;
        return o;
    }
}
