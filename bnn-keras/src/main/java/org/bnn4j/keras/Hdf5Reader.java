package org.bnn4j.keras;

import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DSetCreatPropList;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Read-only access to the parts of an HDF5 file a Keras model import needs (group and dataset names, string
 * attributes, float datasets), over the JavaCPP hdf5 preset, written so that a damaged file leaves nothing behind:
 *
 * <ul>
 * <li>Every HDF5 object opened here (group, dataset, dataspace, attribute, type) is {@code deallocate()}d in a
 * {@code finally}, innermost first, on success and on failure, and every call runs under
 * {@link Hdf5Archive#LOCK_OBJECT} (the lock DL4J's own reader and the tests' writer take). Left to the GC, JavaCPP's
 * deallocator would close those ids later from its reference-processing thread while this thread makes HDF5 calls;
 * libhdf5 is not thread-safe, and after some hundred failed imports in one JVM that crashed it (SIGSEGV).</li>
 * <li>Sizes come from the file but are checked before anything is allocated: a dataset's rank (1 to 5), each
 * dimension (positive), its element count against the file's length (uncompressed data cannot be larger than the
 * file; compressed data must at least be stored in it) and against {@link #MAX_ELEMENTS}; a string attribute's
 * length from its own type, never a guessed buffer. (Structures libhdf5 itself trusts and crashes on are checked
 * before the file is opened, by {@link Hdf5Scan}.)</li>
 * <li>Every failure, HDF5's own or a check's, is a {@link KerasImportException} naming the file, what was read
 * (group path, dataset or attribute name) and HDF5's message.</li>
 * </ul>
 *
 * <pre>{@code
 * Path path = Path.of("model.h5");
 * Hdf5Scan.check(path, "model.h5", Hdf5Superblock.check(path, "model.h5")); // first, in Java
 * try (Hdf5Reader h5 = Hdf5Reader.open(path, "model.h5")) {
 *     String json = h5.hasAttribute("model_config") ? h5.stringAttribute("model_config") : null;
 *     List<String> layers = h5.groups("model_weights");
 *     for (String name : h5.dataSets("model_weights", "dense", "dense")) {
 *         Hdf5Reader.Floats w = h5.floats(name, "model_weights", "dense", "dense"); // w.shape(), w.values()
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe itself (one import uses it); different readers may be used from different threads.
 */
final class Hdf5Reader implements AutoCloseable {
    /** Ranks of weights Keras layers have: vectors to 3-D convolution kernels (as DL4J's reader). */
    static final int MAX_RANK = 5;
    /** The most elements one dataset may have: 2^28 floats (1 GiB), far above any Larq model's largest weight. */
    static final long MAX_ELEMENTS = 1L << 28;

    private final String file;
    private final long length;
    private final H5File h5;

    /** A float dataset: its dimensions and its values in row-major (C) order. */
    record Floats(long[] shape, float[] values) {
    }

    private Hdf5Reader(String file, long length, H5File h5) {
        this.file = file;
        this.length = length;
        this.h5 = h5;
    }

    /**
     * Opens a file read-only; {@code file} is the name messages give. The caller checks the signature and
     * superblock first ({@link Hdf5Superblock}), then the structures libhdf5 trusts ({@link Hdf5Scan}).
     */
    static Hdf5Reader open(Path path, String file) {
        long length;
        try {
            length = Files.size(path);
        } catch (IOException e) {
            throw new KerasImportException(file + ": cannot be read: " + e, e);
        }
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try {
                return new Hdf5Reader(file, length, new H5File(path.toString(), hdf5.H5F_ACC_RDONLY()));
            } catch (RuntimeException e) { // nothing to close: the constructor failed
                throw new KerasImportException(file + ": cannot be read as HDF5 (truncated or corrupt?): "
                        + e.getMessage(), e);
            }
        }
    }

    /** Names of the groups in the group at {@code path} (the root when empty), in HDF5's index order. */
    List<String> groups(String... path) {
        return children(hdf5.H5O_TYPE_GROUP, "groups", path);
    }

    /** Names of the datasets in the group at {@code path} (the root when empty), in HDF5's index order. */
    List<String> dataSets(String... path) {
        return children(hdf5.H5O_TYPE_DATASET, "datasets", path);
    }

    /** Whether the root group has an attribute of that name. */
    boolean hasAttribute(String name) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try {
                return h5.attrExists(name);
            } catch (RuntimeException e) {
                throw failure("attribute '" + name + "'", e);
            }
        }
    }

    /**
     * A string attribute of the root group, fixed-length (Keras 2 with older h5py) or variable-length (newer h5py),
     * decoded as UTF-8 up to its first NUL.
     */
    String stringAttribute(String name) {
        String what = "attribute '" + name + "'";
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            Attribute attribute = null;
            DataSpace space = null;
            StrType type = null;
            try {
                attribute = h5.openAttribute(name);
                if (attribute.getTypeClass() != hdf5.H5T_STRING) {
                    throw new KerasImportException(file + ": " + what + " is not a string (HDF5 type class "
                            + attribute.getTypeClass() + ")");
                }
                space = attribute.getSpace();
                long points = space.getSimpleExtentNpoints();
                if (points != 1) { // h5py writes one scalar string; more would be an array of strings
                    throw new KerasImportException(file + ": " + what + " holds " + points
                            + " strings, expected one");
                }
                type = attribute.getStrType();
                return type.isVariableStr() ? variableString(attribute, what) : fixedString(attribute, type, what);
            } catch (KerasImportException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure(what, e);
            } finally {
                deallocate(type, space, attribute);
            }
        }
    }

    /**
     * A float dataset in the group at {@code path}, converted to float32 by HDF5 whatever its stored type, as DL4J's
     * reader did.
     */
    Floats floats(String dataSet, String... path) {
        String what = "dataset '" + dataSet + "' in " + describe(path);
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            Group[] groups = new Group[path.length];
            DataSet ds = null;
            DataSpace space = null;
            DataType type = null;
            DSetCreatPropList creation = null;
            FloatPointer buffer = null;
            try {
                ds = openGroups(groups, path).openDataSet(dataSet);
                space = ds.getSpace();
                type = ds.asAbstractDs().getDataType(); // a cast view of ds (not an object of its own)
                long[] shape = shape(space, what);
                creation = ds.getCreatePlist();
                long count = elements(shape, type.getSize(), creation.getNfilters() > 0, ds.getStorageSize(), what);
                buffer = new FloatPointer(count);
                ds.read(buffer, PredType.NATIVE_FLOAT());
                float[] values = new float[(int) count];
                buffer.get(values);
                return new Floats(shape, values);
            } catch (KerasImportException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure(what, e);
            } finally {
                if (buffer != null) {
                    buffer.deallocate();
                }
                deallocate(creation, type, space, ds);
                deallocate(groups);
            }
        }
    }

    @Override
    public void close() {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            h5.deallocate();
        }
    }

    private List<String> children(int objectType, String kind, String... path) {
        String what = kind + " of " + describe(path);
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            Group[] groups = new Group[path.length];
            try {
                Group group = openGroups(groups, path);
                long n = group.getNumObjs();
                if (n < 0 || n > length) { // every link takes bytes of the file
                    throw new KerasImportException(file + ": " + what + ": the group claims " + n + " members in a "
                            + length + "-byte file: the file is damaged");
                }
                List<String> names = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    String name = string(group.getObjnameByIdx(i));
                    if (name == null) {
                        throw new KerasImportException(file + ": " + what + ": member " + i + " has no name");
                    }
                    if (group.childObjType(name) == objectType) {
                        names.add(name);
                    }
                }
                return names;
            } catch (KerasImportException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failure(what, e);
            } finally {
                deallocate(groups);
            }
        }
    }

    /** Opens the groups of {@code path} into {@code opened} (so the caller closes what was opened); the last one. */
    private Group openGroups(Group[] opened, String... path) {
        Group parent = h5;
        for (int i = 0; i < path.length; i++) {
            opened[i] = parent.openGroup(path[i]);
            parent = opened[i];
        }
        return parent;
    }

    private long[] shape(DataSpace space, String what) {
        int rank = space.getSimpleExtentNdims();
        if (rank < 1 || rank > MAX_RANK) {
            throw new KerasImportException(file + ": cannot import " + what + ": rank " + rank + " (1 to " + MAX_RANK
                    + " are supported)");
        }
        long[] shape = new long[rank];
        space.getSimpleExtentDims(shape);
        for (long d : shape) {
            if (d <= 0) {
                throw new KerasImportException(file + ": " + what + " has a dimension of " + d + ": the file is "
                        + "damaged");
            }
        }
        return shape;
    }

    /**
     * The element count of {@code shape}, checked against the file before a buffer is allocated for it: data
     * stored as it is (no filter: Keras' case) cannot be larger than the file; compressed (filtered) data may be,
     * but what it stores must be in the file, and no dataset may exceed {@link #MAX_ELEMENTS}.
     */
    private long elements(long[] shape, long elementBytes, boolean filtered, long storageBytes, String what) {
        long count = 1;
        for (long d : shape) {
            if (d > MAX_ELEMENTS || count * d > MAX_ELEMENTS) { // d <= 2^28 and count <= 2^28: no overflow
                throw new KerasImportException(file + ": " + what + " of shape " + Arrays.toString(shape)
                        + " has more than " + MAX_ELEMENTS + " elements, the most bnn4j reads");
            }
            count *= d;
        }
        if (elementBytes <= 0 || count * elementBytes > length) { // elementBytes is small: no overflow
            if (!filtered || storageBytes <= 0 || storageBytes > length) {
                throw new KerasImportException(file + ": " + what + " of shape " + Arrays.toString(shape)
                        + " needs " + count + " elements of " + elementBytes + " bytes, but the file has " + length
                        + " bytes (" + (filtered ? storageBytes + " stored compressed" : "not compressed")
                        + "): the file is damaged");
            }
        }
        return count;
    }

    /** A fixed-length string: the type's size is the string's; HDF5 copies it as stored (the file type as memory type). */
    private String fixedString(Attribute attribute, StrType type, String what) {
        long size = type.getSize();
        if (size <= 0 || size > length) {
            throw new KerasImportException(file + ": " + what + " claims a string of " + size + " bytes in a "
                    + length + "-byte file: the file is damaged");
        }
        BytePointer bytes = new BytePointer(size);
        try {
            attribute.read(type, (Pointer) bytes);
            byte[] b = new byte[(int) size];
            bytes.get(b);
            int end = 0;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            return new String(b, 0, end, StandardCharsets.UTF_8);
        } finally {
            bytes.deallocate();
        }
    }

    /** A variable-length string: HDF5 allocates it (NUL-terminated) and hands over a pointer, freed here. */
    private String variableString(Attribute attribute, String what) {
        StrType memory = new StrType(PredType.C_S1(), hdf5.H5T_VARIABLE());
        PointerPointer<BytePointer> holder = new PointerPointer<>(1L);
        try {
            attribute.read(memory, holder);
            BytePointer s = holder.get(BytePointer.class, 0);
            if (s == null || s.isNull()) {
                throw new KerasImportException(file + ": " + what + " is a null string");
            }
            try {
                return s.getString(StandardCharsets.UTF_8);
            } finally {
                hdf5.H5free_memory(s);
            }
        } finally {
            holder.deallocate();
            memory.deallocate();
        }
    }

    private static String string(BytePointer p) {
        if (p == null) {
            return null;
        }
        try {
            return p.isNull() ? null : p.getString(StandardCharsets.UTF_8);
        } finally {
            p.deallocate();
        }
    }

    /** Deallocates the non-null objects in the order given (callers list the innermost first). */
    private static void deallocate(Pointer... objects) {
        for (Pointer p : objects) {
            if (p != null) {
                p.deallocate();
            }
        }
    }

    /** Groups opened outer to inner: deallocated inner to outer. */
    private static void deallocate(Group[] groups) {
        for (int i = groups.length - 1; i >= 0; i--) {
            if (groups[i] != null) {
                groups[i].deallocate();
            }
        }
    }

    private static String describe(String... path) {
        return path.length == 0 ? "the root group" : "group '/" + String.join("/", path) + "'";
    }

    private KerasImportException failure(String what, RuntimeException e) {
        return new KerasImportException(file + ": HDF5 cannot read " + what + ": " + e.getMessage(), e);
    }
}
