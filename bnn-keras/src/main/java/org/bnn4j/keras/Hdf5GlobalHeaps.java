package org.bnn4j.keras;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The global heap collections of an HDF5 file (where variable-length strings live), checked in Java before libhdf5
 * reads one: libhdf5 1.12 trusts each heap object's stored size and walks, then copies, past the end of its
 * collection when a damaged file claims more (a single such file, found by {@code Hdf5BytesFuzzTest}, crashed the
 * JVM with SIGSEGV in libc's memcpy). Every collection (signature {@code GCOL}, version 1; HDF5 File Format
 * Specification, section III.E) must lie inside the file and every object inside its collection.
 *
 * <pre>{@code
 * Hdf5GlobalHeaps.check(Path.of("model.h5"), "model.h5"); // KerasImportException if a heap object overruns
 * }</pre>
 *
 * Only what HDF5 would walk is checked; a variable-length string whose length in its attribute disagrees with its
 * heap object is for HDF5 to refuse.
 */
final class Hdf5GlobalHeaps {
    private static final int HEADER_FIXED = 8; // "GCOL", version, 3 reserved bytes; then the collection size

    private Hdf5GlobalHeaps() {
    }

    /**
     * @param lengthSize the superblock's size of lengths (8 in Keras files; 2, 4 or 8)
     * @throws KerasImportException naming the file if a collection or an object in one overruns
     */
    static void check(Path path, String file, int lengthSize) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return; // beyond a single mapping; Keras model files are far smaller
            }
            MappedByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            b.order(ByteOrder.LITTLE_ENDIAN);
            int length = (int) size;
            for (int at = 0; at + HEADER_FIXED + lengthSize <= length; at++) {
                if (b.get(at) == 'G' && b.get(at + 1) == 'C' && b.get(at + 2) == 'O' && b.get(at + 3) == 'L'
                        && b.get(at + 4) == 1 && b.get(at + 5) == 0 && b.get(at + 6) == 0 && b.get(at + 7) == 0) {
                    collection(b, at, length, lengthSize, file);
                }
            }
        } catch (IOException e) {
            throw new KerasImportException(file + ": cannot be read: " + e, e);
        }
    }

    /** One collection at {@code at}: its size within the file, then its objects as HDF5 walks them. */
    private static void collection(MappedByteBuffer b, int at, int length, int lengthSize, String file) {
        int header = HEADER_FIXED + lengthSize;
        long size = unsigned(b, at + HEADER_FIXED, lengthSize);
        if (size < header || size > length - at) {
            throw damaged(file, at, "its size " + size + " does not fit the " + length + "-byte file");
        }
        long end = at + size;
        int objectHeader = 8 + lengthSize; // index, reference count, 4 reserved bytes, object size
        long p = at + header;
        while (p + objectHeader <= end) { // a tail shorter than an object header is free space, as HDF5 takes it
            int index = (b.get((int) p) & 0xff) | (b.get((int) p + 1) & 0xff) << 8;
            long objectSize = unsigned(b, (int) p + 8, lengthSize);
            // object 0 is the free space: its size counts from its header; others are padded to 8 bytes
            long need = index == 0 ? objectSize : objectHeader + ((objectSize + 7) & ~7L);
            if (objectSize < 0 || need < 0 || need > end - p || need == 0) {
                throw damaged(file, at, "object " + index + " claims " + objectSize + " bytes, "
                        + (end - p) + " remain in the collection");
            }
            p += need;
        }
    }

    private static KerasImportException damaged(String file, int at, String what) {
        return new KerasImportException(file + ": damaged HDF5 global heap (variable-length data) at byte " + at
                + ": " + what);
    }

    private static long unsigned(MappedByteBuffer b, int at, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b.get(at + i) & 0xffL);
        }
        return v;
    }
}
