package org.bnn4j.zoo.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST-like data sets (raw or gzipped, told apart by their first bytes), checking the
 * header strictly: magic number, dimensions, item count, file length (for a gzipped file: the length of its
 * content, and nothing after the gzip stream). A file that fails a check is rejected whole with a
 * {@link DataFileException}. Memory is allocated only for data that is really there, whatever a header claims.
 *
 * <pre>{@code
 * LabeledImages train = IdxReader.read(dir.resolve("train-images-idx3-ubyte"),
 *         dir.resolve("train-labels-idx1-ubyte"), 28, 28, 10);
 * }</pre>
 */
final class IdxReader {
    /** Unsigned bytes, 3 dimensions (count, rows, columns). */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, 1 dimension (count). */
    static final int LABELS_MAGIC = 0x00000801;

    private static final int GZIP_MAGIC = 0x1f8b;
    /** First allocation for a gzipped body, doubled as data arrives (its decompressed length is unknown). */
    private static final int GZIP_FIRST_CHUNK = 1 << 16;

    private IdxReader() {
    }

    /** Reads an images file and its labels file, which must hold the same number of items. */
    static LabeledImages read(Path imagesFile, Path labelsFile, int height, int width, int numClasses) {
        byte[] labels = readLabels(labelsFile, numClasses);
        byte[] pixels = readImages(imagesFile, labels.length, labelsFile, height, width);
        return new LabeledImages(pixels, labels, 1, height, width, numClasses);
    }

    static byte[] readLabels(Path file, int numClasses) {
        boolean gzip = isGzip(file);
        try (DataInputStream in = open(file, gzip)) {
            int magic = readHeaderInt(in, file);
            checkMagic(file, magic, LABELS_MAGIC, "labels");
            int count = readCount(in, file);
            byte[] labels = readBody(in, file, gzip, 8, count);
            for (int i = 0; i < labels.length; i++) {
                int label = Byte.toUnsignedInt(labels[i]);
                if (label >= numClasses) {
                    throw new DataFileException(file, "label " + label + " of item " + i + " is outside 0.."
                            + (numClasses - 1));
                }
            }
            return labels;
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    private static byte[] readImages(Path file, int expectedCount, Path labelsFile, int height, int width) {
        boolean gzip = isGzip(file);
        try (DataInputStream in = open(file, gzip)) {
            int magic = readHeaderInt(in, file);
            checkMagic(file, magic, IMAGES_MAGIC, "images");
            int count = readCount(in, file);
            int rows = readHeaderInt(in, file);
            int columns = readHeaderInt(in, file);
            if (rows != height || columns != width) {
                throw new DataFileException(file, "header says " + rows + "x" + columns + " images, expected "
                        + height + "x" + width);
            }
            if (count != expectedCount) {
                throw new DataFileException(file, "holds " + count + " images but " + labelsFile + " holds "
                        + expectedCount + " labels");
            }
            return readBody(in, file, gzip, 16, (long) count * rows * columns);
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    /** Opens the file, decompressing it if gzipped. */
    private static DataInputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (!gzip) {
            return new DataInputStream(raw);
        }
        try {
            return new DataInputStream(new BufferedInputStream(new StrictGzipInputStream(raw), 1 << 16));
        } catch (IOException | RuntimeException e) {
            raw.close(); // the gzip header was bad: nobody else holds the file open to close it
            throw e;
        }
    }

    private static DataFileException readFailure(Path file, IOException e) {
        return e instanceof ZipException
                ? new DataFileException(file, "corrupt gzip data: " + e.getMessage(), e)
                : DataFiles.unreadable(file, e);
    }

    /** True when the file starts with gzip's magic bytes (an IDX file starts with two zero bytes). */
    private static boolean isGzip(Path file) {
        DataFiles.requireRegularFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            return ((in.read() << 8) | in.read()) == GZIP_MAGIC;
        } catch (IOException e) {
            throw DataFiles.unreadable(file, e);
        }
    }

    private static int readHeaderInt(DataInputStream in, Path file) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFileException(file, "too short to hold an IDX header", e);
        }
    }

    private static void checkMagic(Path file, int magic, int expected, String kind) {
        if (magic == expected) {
            return;
        }
        String looksLike = magic == IMAGES_MAGIC ? " (that of an IDX images file)"
                : magic == LABELS_MAGIC ? " (that of an IDX labels file)" : "";
        throw new DataFileException(file, String.format("magic number 0x%08X%s, expected 0x%08X for an IDX %s file",
                magic, looksLike, expected, kind));
    }

    private static int readCount(DataInputStream in, Path file) throws IOException {
        int count = readHeaderInt(in, file);
        if (count <= 0) {
            throw new DataFileException(file, "header gives item count " + count + ", expected at least 1");
        }
        return count;
    }

    /** Reads exactly {@code length} data bytes after a header of {@code headerLength} bytes; nothing may follow. */
    private static byte[] readBody(InputStream in, Path file, boolean gzip, long headerLength, long length)
            throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new DataFileException(file, "header describes " + length + " data bytes, more than one array holds");
        }
        if (!gzip) {
            // A raw file's length is known up front: reject a wrong one before allocating anything.
            long size = Files.size(file);
            if (size != headerLength + length) {
                throw new DataFileException(file, lengthProblem(size - headerLength, length));
            }
        }
        byte[] body;
        try {
            body = readUpTo(in, (int) length, gzip ? GZIP_FIRST_CHUNK : (int) length);
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated: the gzip stream ends before the "
                    + length + " data bytes the header describes", e);
        }
        if (body.length < length) {
            throw new DataFileException(file, lengthProblem(body.length, length));
        }
        if (in.read() != -1) {
            throw new DataFileException(file, "longer than its header says: data continues after the "
                    + length + " bytes it describes");
        }
        return body;
    }

    /**
     * Reads up to {@code length} bytes into an array that starts at {@code firstChunk} bytes and doubles as data
     * arrives, so a header that claims more data than the file holds costs no more than the data itself.
     */
    private static byte[] readUpTo(InputStream in, int length, int firstChunk) throws IOException {
        byte[] data = new byte[Math.min(length, firstChunk)];
        int filled = 0;
        while (filled < length) {
            if (filled == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(length, 2L * data.length));
            }
            int n = in.read(data, filled, data.length - filled);
            if (n < 0) {
                return Arrays.copyOf(data, filled);
            }
            filled += n;
        }
        return data;
    }

    private static String lengthProblem(long actual, long expected) {
        return actual < expected
                ? "truncated: the header describes " + expected + " data bytes, the file holds " + Math.max(actual, 0)
                : "longer than its header says: " + (actual - expected) + " bytes follow the " + expected
                        + " data bytes it describes";
    }
}
