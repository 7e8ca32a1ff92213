package org.bnn4j.keras;

import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras 2 HDF5 model file, read through DL4J's {@link Hdf5Archive} (the JavaCPP hdf5 preset): the
 * {@code model_config} JSON and each layer's weights under {@code /model_weights/<layer>/...}, keyed by their
 * short name ({@code kernel}, {@code bias}, {@code gamma}, ...). The file's first bytes are checked before HDF5
 * sees it, so a Keras 3 {@code .keras} zip, a file that is not HDF5 or a truncated one ({@link Hdf5Superblock}) fails
 * with a message naming it.
 *
 * <pre>{@code
 * try (KerasArchive archive = KerasArchive.open(Path.of("model.h5"))) {
 *     KerasModelConfig model = archive.modelConfig();
 *     Map<String, INDArray> dense = archive.weights("quant_dense");
 * }
 * }</pre>
 */
final class KerasArchive implements AutoCloseable {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};
    private static final String WEIGHTS_ROOT = "model_weights";

    private final String file;
    private final Hdf5Archive hdf5;

    private KerasArchive(String file, Hdf5Archive hdf5) {
        this.file = file;
        this.hdf5 = hdf5;
    }

    static KerasArchive open(Path path) {
        String file = path.toString();
        checkSignature(path, file);
        try {
            return new KerasArchive(file, new Hdf5Archive(file));
        } catch (RuntimeException e) {
            throw new KerasImportException(file + ": cannot be read as HDF5 (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    String file() {
        return file;
    }

    KerasModelConfig modelConfig() {
        if (!hdf5.hasAttribute("model_config")) {
            throw new KerasImportException(file + ": HDF5 file without a 'model_config' attribute: not a Keras model "
                    + "saved with model.save (weights-only files are not supported)");
        }
        return KerasModelConfig.parse(file, read("model_config", () -> hdf5.readAttributeAsString("model_config")));
    }

    /** A layer's weights by short name ("kernel" for "kernel:0"); empty for a layer that has none. */
    Map<String, INDArray> weights(String layer) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        String root = hdf5.getGroups().contains(WEIGHTS_ROOT) ? WEIGHTS_ROOT : null;
        String[] group = root == null ? new String[]{layer} : new String[]{root, layer};
        List<String> top = read("weight groups", () -> root == null ? hdf5.getGroups() : hdf5.getGroups(root));
        if (top.contains(layer)) {
            collect(group, out, "layer '" + layer + "'");
        }
        return out;
    }

    private void collect(String[] group, Map<String, INDArray> out, String where) {
        for (String dataSet : read(where, () -> hdf5.getDataSets(group))) {
            String key = dataSet.endsWith(":0") ? dataSet.substring(0, dataSet.length() - 2) : dataSet;
            out.put(key, read(where + ", weight '" + dataSet + "'", () -> hdf5.readDataSet(dataSet, group)));
        }
        for (String child : read(where, () -> hdf5.getGroups(group))) {
            String[] nested = Arrays.copyOf(group, group.length + 1);
            nested[group.length] = child;
            collect(nested, out, where);
        }
    }

    private interface Read<T> {
        T get() throws Exception;
    }

    private <T> T read(String what, Read<T> read) {
        try {
            return read.get();
        } catch (Exception e) {
            throw new KerasImportException(file + ": cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static void checkSignature(Path path, String file) {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new KerasImportException(file + ": cannot be read: " + e, e);
        }
        if (n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP_SIGNATURE)) {
            throw new KerasImportException(file + ": a Keras 3 '.keras' archive (zip) is not supported; save the model "
                    + "in the Keras 2 HDF5 format (TF <= 2.15: model.save(\"model.h5\"))");
        }
        if (n < head.length || !Arrays.equals(head, HDF5_SIGNATURE)) {
            throw new KerasImportException(file + ": not an HDF5 file (expected a Keras 2 '.h5' model)");
        }
        Hdf5Superblock.check(path, file);
    }

    @Override
    public void close() {
        hdf5.close();
    }
}
