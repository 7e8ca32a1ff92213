package org.bnn4j.keras;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Byte-level checks, in Java before libhdf5 opens a file, of the structures whose damage crashed libhdf5 1.12.1
 * on a single file in raw-byte fuzzing ({@code Hdf5BytesFuzzTest}; a fresh JVM crashed too, so no care in calling
 * the library avoids it). HDF5 File Format Specification, sections III.E and IV.A.2.h:
 *
 * <ul>
 * <li><b>Global heap collections</b> ({@code GCOL}, version 1: where variable-length strings such as Keras 2.13+'s
 * {@code model_config} live). libhdf5 walks a collection's objects trusting each one's stored size and copies past
 * the collection's end when one claims more (SIGSEGV in memcpy): every collection must lie inside the file and every
 * object inside its collection.</li>
 * <li><b>Addresses in version 1 object header messages</b> (the headers h5py writes): a symbol table message
 * (type 0x11) whose B-tree or local heap address is the undefined address (all ones) crashed the name lookup
 * (H5Lget_name_by_idx), a header continuation message (type 0x10) with it crashed H5Fopen; any other wrong address
 * fails cleanly. Neither message ever holds the undefined address. (The superblock's root entry: {@link
 * Hdf5Superblock}.)</li>
 * <li><b>Group B-tree nodes</b> (version 1, {@code TREE}, type 0): a child address set to the undefined address
 * crashed H5Gget_info. Siblings may be undefined (the first and last node); children never are.</li>
 * </ul>
 *
 * <pre>{@code
 * Hdf5Superblock.Sizes sizes = Hdf5Superblock.check(path, "model.h5");
 * Hdf5Scan.check(path, "model.h5", sizes); // KerasImportException naming the damaged structure and its offset
 * }</pre>
 *
 * Structures are found by their signature bytes, so a match inside raw data is possible; the patterns are 8 bytes
 * long (and in float32 weights would be denormal or NaN runs), and only a match that is also inconsistent rejects.
 */
final class Hdf5Scan {
    private static final int GCOL_FIXED = 8; // "GCOL", version 1, 3 reserved bytes; then the collection size
    private static final int MESSAGE_HEADER = 8; // v1 object header message: type 2, size 2, flags 1, reserved 3
    private static final int CONTINUATION = 0x10; // data: address, length of the header's next block
    private static final int SYMBOL_TABLE = 0x11; // data: B-tree address, local heap address

    private Hdf5Scan() {
    }

    /** @throws KerasImportException naming the file if a heap collection or a symbol table message is damaged */
    static void check(Path path, String file, Hdf5Superblock.Sizes sizes) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return; // beyond one mapping; Keras model files are far smaller
            }
            MappedByteBuffer b = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int length = (int) size;
            for (int at = 0; at + MESSAGE_HEADER <= length; at++) {
                if (isGroupTreeNode(b, at)) {
                    groupTreeNode(b, at, length, sizes, file);
                } else if (isCollection(b, at)) {
                    collection(b, at, length, sizes.lengths(), file);
                } else if (isMessage(b, at, SYMBOL_TABLE, 2 * sizes.offsets())) {
                    addresses(b, at, length, sizes.offsets(), 2, "group symbol table", file);
                } else if (isMessage(b, at, CONTINUATION, sizes.offsets() + sizes.lengths())) {
                    addresses(b, at, length, sizes.offsets(), 1, "object header continuation", file);
                }
            }
        } catch (IOException e) {
            throw new KerasImportException(file + ": cannot be read: " + e, e);
        }
    }

    private static boolean isCollection(MappedByteBuffer b, int at) {
        return b.get(at) == 'G' && b.get(at + 1) == 'C' && b.get(at + 2) == 'O' && b.get(at + 3) == 'L'
                && b.get(at + 4) == 1 && b.get(at + 5) == 0 && b.get(at + 6) == 0 && b.get(at + 7) == 0;
    }

    /** A version 1 B-tree node of a group ("TREE", node type 0), whose children are symbol table nodes or nodes. */
    private static boolean isGroupTreeNode(MappedByteBuffer b, int at) {
        return b.get(at) == 'T' && b.get(at + 1) == 'R' && b.get(at + 2) == 'E' && b.get(at + 3) == 'E'
                && b.get(at + 4) == 0;
    }

    /** Signature, type, level, entries used (2), two sibling addresses; then key, child, key, ..., child, key. */
    private static void groupTreeNode(MappedByteBuffer b, int at, int length, Hdf5Superblock.Sizes sizes,
                                      String file) {
        int entries = (b.get(at + 6) & 0xff) | (b.get(at + 7) & 0xff) << 8;
        long child = at + 8L + 2L * sizes.offsets() + sizes.lengths();
        for (int i = 0; i < entries && child + sizes.offsets() <= length; i++) {
            if (undefined(b, (int) child, sizes.offsets())) {
                throw damaged(file, "group B-tree node", at, "the address of child " + i + " is undefined");
            }
            child += sizes.offsets() + sizes.lengths();
        }
    }

    /** A v1 message header: type, data size, flags, three reserved zero bytes. */
    private static boolean isMessage(MappedByteBuffer b, int at, int type, int dataSize) {
        return b.get(at) == type && b.get(at + 1) == 0 && b.get(at + 2) == dataSize && b.get(at + 3) == 0
                && b.get(at + 5) == 0 && b.get(at + 6) == 0 && b.get(at + 7) == 0;
    }

    /** One collection at {@code at}: its size within the file, then its objects as libhdf5 walks them. */
    private static void collection(MappedByteBuffer b, int at, int length, int lengths, String file) {
        if (at + GCOL_FIXED + lengths > length) {
            throw damaged(file, "global heap (variable-length data)", at, "it is cut off by the end of the file");
        }
        long size = unsigned(b, at + GCOL_FIXED, lengths);
        if (size < GCOL_FIXED + lengths || size > length - at) {
            throw damaged(file, "global heap (variable-length data)", at, "its size " + size
                    + " does not fit the " + length + "-byte file");
        }
        long end = at + size;
        int objectHeader = 8 + lengths; // index, reference count, 4 reserved bytes, object size
        long p = at + GCOL_FIXED + lengths;
        while (p + objectHeader <= end) { // a tail shorter than an object header is free space, as libhdf5 takes it
            int index = (b.get((int) p) & 0xff) | (b.get((int) p + 1) & 0xff) << 8;
            long objectSize = unsigned(b, (int) p + 8, lengths);
            // object 0 is the free space, its size counted from its header; the others are padded to 8 bytes
            long need = index == 0 ? objectSize : objectHeader + ((objectSize + 7) & ~7L);
            if (objectSize < 0 || need <= 0 || need > end - p) {
                throw damaged(file, "global heap (variable-length data)", at, "object " + index + " claims "
                        + objectSize + " bytes, " + (end - p) + " remain in the collection");
            }
            p += need;
        }
    }

    /** The first {@code count} fields of a message's data are addresses that must be defined. */
    private static void addresses(MappedByteBuffer b, int at, int length, int offsets, int count, String what,
                                  String file) {
        int data = at + MESSAGE_HEADER;
        for (int i = 0; i < count && data + (i + 1) * offsets <= length; i++) {
            if (undefined(b, data + i * offsets, offsets)) {
                throw damaged(file, what, at, "address " + (i + 1) + " of its message is undefined");
            }
        }
    }

    private static boolean undefined(MappedByteBuffer b, int at, int size) {
        for (int i = 0; i < size; i++) {
            if (b.get(at + i) != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private static KerasImportException damaged(String file, String what, int at, String why) {
        return new KerasImportException(file + ": damaged HDF5 " + what + " at byte " + at + ": " + why);
    }

    /** A little-endian unsigned integer of {@code size} bytes (negative past 2^63). */
    private static long unsigned(MappedByteBuffer b, int at, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b.get(at + i) & 0xffL);
        }
        return v;
    }
}
