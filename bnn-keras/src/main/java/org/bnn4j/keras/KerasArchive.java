package org.bnn4j.keras;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras 2 HDF5 model file, read through {@link Hdf5Reader} (the JavaCPP hdf5 preset): the {@code model_config}
 * JSON and each layer's weights under {@code /model_weights/<layer>/...}, keyed by their short name ({@code kernel},
 * {@code bias}, {@code gamma}, ...). The file's first bytes are checked before HDF5 sees it, so a Keras 3
 * {@code .keras} zip, a file that is not HDF5 or a truncated one ({@link Hdf5Superblock}) fails with a message naming
 * it, and so does one whose global heaps or symbol tables are damaged in ways libhdf5 crashes on ({@link Hdf5Scan}); whatever fails after that, in HDF5 or in the reader's size checks, is a {@link KerasImportException} naming the
 * file and what was read.
 *
 * <p>DL4J's {@code Hdf5Archive} was used here before: it leaves the HDF5 objects it opened to the GC when a call
 * fails, lets some HDF5 exceptions through unwrapped, and sizes buffers from unchecked header fields; raw-byte
 * fuzzing ({@code Hdf5BytesFuzzTest}) crashed the JVM after some hundred damaged files. {@link Hdf5Reader} gives the
 * same names, strings and arrays (weights as C-order arrays of their stored shape, in ND4J's default float type).
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
    private final Hdf5Reader hdf5;

    private KerasArchive(String file, Hdf5Reader hdf5) {
        this.file = file;
        this.hdf5 = hdf5;
    }

    static KerasArchive open(Path path) {
        String file = path.toString();
        Hdf5Superblock.Sizes sizes = checkSignature(path, file);
        Hdf5Scan.check(path, file, sizes);
        return new KerasArchive(file, Hdf5Reader.open(path, file));
    }

    String file() {
        return file;
    }

    KerasModelConfig modelConfig() {
        if (!hdf5.hasAttribute("model_config")) {
            throw new KerasImportException(file + ": HDF5 file without a 'model_config' attribute: not a Keras model "
                    + "saved with model.save (weights-only files are not supported)");
        }
        return KerasModelConfig.parse(file, hdf5.stringAttribute("model_config"));
    }

    /** A layer's weights by short name ("kernel" for "kernel:0"); empty for a layer that has none. */
    Map<String, INDArray> weights(String layer) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        String[] root = hdf5.groups().contains(WEIGHTS_ROOT) ? new String[]{WEIGHTS_ROOT} : new String[0];
        if (hdf5.groups(root).contains(layer)) {
            String[] group = Arrays.copyOf(root, root.length + 1);
            group[root.length] = layer;
            collect(group, out);
        }
        return out;
    }

    /** The datasets of a group, then those of its subgroups (depth first), as Keras nests them. */
    private void collect(String[] group, Map<String, INDArray> out) {
        for (String dataSet : hdf5.dataSets(group)) {
            String key = dataSet.endsWith(":0") ? dataSet.substring(0, dataSet.length() - 2) : dataSet;
            out.put(key, array(hdf5.floats(dataSet, group)));
        }
        for (String child : hdf5.groups(group)) {
            String[] nested = Arrays.copyOf(group, group.length + 1);
            nested[group.length] = child;
            collect(nested, out);
        }
    }

    /** As DL4J's reader made them: a C-order array of the stored shape, in ND4J's default floating-point type. */
    private static INDArray array(Hdf5Reader.Floats floats) {
        INDArray a = Nd4j.create(floats.values(), floats.shape(), 'c');
        return a.dataType() == Nd4j.defaultFloatingPointType() ? a : a.castTo(Nd4j.defaultFloatingPointType());
    }

    /** The signature, then the superblock; returns the sizes the superblock gives. */
    private static Hdf5Superblock.Sizes checkSignature(Path path, String file) {
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
        return Hdf5Superblock.check(path, file);
    }

    @Override
    public void close() {
        hdf5.close();
    }
}
