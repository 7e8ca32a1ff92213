package org.bnn4j.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fixed start of an HDF5 file (its superblock, at offset 0 in Keras files), read in Java before the native
 * HDF5 library sees the file: the superblock states where the file ends, so a truncated download or copy is
 * rejected here with its lengths, never half-read by libhdf5 (which, after many failed opens in one JVM, has
 * crashed the JVM). Versions 0 to 3 of the superblock (HDF5 File Format Specification, section II.A).
 *
 * <pre>{@code
 * Hdf5Superblock.check(Path.of("model.h5"), "model.h5"); // KerasImportException if truncated or not HDF5
 * }</pre>
 */
final class Hdf5Superblock {
    static final int SIGNATURE_LENGTH = 8;
    /** Enough for every version's fields up to the root group's entry with 8-byte offsets. */
    private static final int HEAD = 128;

    /** Sizes in bytes (2, 4 or 8) of the file's addresses and of its lengths: 8 and 8 in Keras files. */
    record Sizes(int offsets, int lengths) {
    }

    private Hdf5Superblock() {
    }

    /**
     * Checks the superblock of a file whose first 8 bytes are the HDF5 signature.
     *
     * @return the superblock's sizes of offsets (addresses) and lengths, which {@link Hdf5Scan} needs
     * @throws KerasImportException naming the file if the superblock is unknown or damaged, or the file is shorter
     *                              than the superblock says
     */
    static Sizes check(Path path, String file) {
        byte[] head = new byte[HEAD];
        int n;
        long length;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, HEAD);
            length = Files.size(path);
        } catch (IOException e) {
            throw new KerasImportException(file + ": cannot be read: " + e, e);
        }
        int version = n > SIGNATURE_LENGTH ? head[SIGNATURE_LENGTH] & 0xff : -1;
        int offsetSizeAt;
        int baseAt;
        switch (version) {
            case 0, 1 -> {
                offsetSizeAt = 13;
                baseAt = version == 0 ? 24 : 28;
            }
            case 2, 3 -> {
                offsetSizeAt = 9;
                baseAt = 12;
            }
            case -1 -> throw truncated(file, length, "its superblock");
            default -> throw new KerasImportException(file + ": HDF5 superblock version " + version
                    + " is unknown (versions 0 to 3 exist): the file is damaged");
        }
        if (n <= offsetSizeAt + 1) {
            throw truncated(file, length, "its superblock");
        }
        int offsetSize = head[offsetSizeAt] & 0xff;
        if (offsetSize != 2 && offsetSize != 4 && offsetSize != 8) {
            throw new KerasImportException(file + ": HDF5 superblock gives offsets of " + offsetSize
                    + " bytes (2, 4 or 8 are valid): the file is damaged");
        }
        int lengthSize = head[offsetSizeAt + 1] & 0xff; // the size of lengths follows the size of offsets
        if (lengthSize != 2 && lengthSize != 4 && lengthSize != 8) {
            throw new KerasImportException(file + ": HDF5 superblock gives lengths of " + lengthSize
                    + " bytes (2, 4 or 8 are valid): the file is damaged");
        }
        int eofAt = baseAt + 2 * offsetSize; // base address, then (v0/v1) free-space or (v2/v3) extension address
        if (n < eofAt + offsetSize) {
            throw truncated(file, length, "its superblock");
        }
        long base = unsigned(head, baseAt, offsetSize);
        long end = unsigned(head, eofAt, offsetSize);
        if (base < 0 || end < 0 || base + end < 0) {
            throw new KerasImportException(file + ": HDF5 superblock gives an end of file past 2^63 bytes: the file "
                    + "is damaged");
        }
        if (base + end > length) {
            throw new KerasImportException(file + ": truncated: its HDF5 superblock says the file is " + (base + end)
                    + " bytes long, but it has " + length + " (an interrupted download or copy?)");
        }
        checkRoot(head, n, version, eofAt, offsetSize, file, length);
        return new Sizes(offsetSize, lengthSize);
    }

    /**
     * The root group's object header address (and, in a version 0/1 superblock, the symbol table addresses its entry
     * caches) must be defined: libhdf5 1.12.1 crashed opening a file whose root entry held the undefined address
     * (all ones) instead of failing.
     */
    private static void checkRoot(byte[] head, int n, int version, int eofAt, int offsetSize, String file,
                                  long length) {
        int rootAt = version <= 1 ? eofAt + 3 * offsetSize : eofAt + offsetSize; // v0/1: driver info, name offset
        int cacheAt = rootAt + offsetSize;
        if (n < (version <= 1 ? cacheAt + 8 + 2 * offsetSize : cacheAt)) {
            throw truncated(file, length, "its superblock");
        }
        long root = unsigned(head, rootAt, offsetSize);
        if (root < 0 || root >= length) {
            throw new KerasImportException(file + ": HDF5 superblock gives the root group at " + root + " in a "
                    + length + "-byte file: the file is damaged");
        }
        boolean cachesSymbolTable = version <= 1 && unsigned(head, cacheAt, 4) == 1; // B-tree, local heap addresses
        if (cachesSymbolTable && (unsigned(head, cacheAt + 8, offsetSize) < 0
                || unsigned(head, cacheAt + 8 + offsetSize, offsetSize) < 0)) {
            throw new KerasImportException(file + ": HDF5 superblock caches an undefined symbol table address for the "
                    + "root group: the file is damaged");
        }
    }

    private static KerasImportException truncated(String file, long length, String what) {
        return new KerasImportException(file + ": truncated: " + length + " bytes end before " + what + " does");
    }

    /** A little-endian unsigned integer of {@code size} bytes; -1 for the undefined address (all bits set). */
    private static long unsigned(byte[] b, int at, int size) {
        long v = 0;
        boolean allOnes = true;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xffL);
            allOnes &= b[at + i] == (byte) 0xff;
        }
        return allOnes ? -1 : v;
    }
}
