package org.bnn4j.zoo.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CIFAR-10's binary format: records of 1 label byte followed by 3072 pixel bytes, the 32x32 red plane,
 * then green, then blue (row-major), with no header. A file whose length is not a positive multiple of the
 * record length, or with a label outside 0..9, is rejected whole with a {@link DataFileException}.
 *
 * <pre>{@code
 * LabeledImages test = CifarBinaryReader.read(List.of(dir.resolve("test_batch.bin")));
 * }</pre>
 */
final class CifarBinaryReader {
    static final int CHANNELS = 3;
    static final int SIDE = 32;
    static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    static final int NUM_CLASSES = 10;
    /** The most records whose pixels one byte array holds (CIFAR-10 itself has 60,000). */
    static final int MAX_RECORDS = (Integer.MAX_VALUE - 8) / IMAGE_BYTES;

    private CifarBinaryReader() {
    }

    /** Reads the files in order into one set of images. */
    static LabeledImages read(List<Path> files) {
        int[] counts = new int[files.size()];
        long total = 0;
        for (int f = 0; f < files.size(); f++) {
            counts[f] = recordCount(files.get(f));
            total += counts[f];
            if (total > MAX_RECORDS) {
                throw new DataFileException(files.get(f), "brings the number of records to " + total
                        + ", more than the " + MAX_RECORDS + " whose pixels fit one in-memory array");
            }
        }
        byte[] labels = new byte[(int) total];
        byte[] pixels = new byte[(int) total * IMAGE_BYTES];
        int first = 0;
        for (int f = 0; f < files.size(); f++) {
            readRecords(files.get(f), counts[f], first, labels, pixels);
            first += counts[f];
        }
        return new LabeledImages(pixels, labels, CHANNELS, SIDE, SIDE, NUM_CLASSES);
    }

    private static int recordCount(Path file) {
        DataFiles.requireRegularFile(file);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw DataFiles.unreadable(file, e);
        }
        if (size == 0 || size % RECORD_BYTES != 0) {
            throw new DataFileException(file, "length " + size + " bytes is not a positive multiple of "
                    + RECORD_BYTES + " (1 label byte + " + IMAGE_BYTES
                    + " pixel bytes per record): truncated, or not a CIFAR-10 binary-version file");
        }
        return (int) (size / RECORD_BYTES);
    }

    private static void readRecords(Path file, int count, int first, byte[] labels, byte[] pixels) {
        byte[] record = new byte[RECORD_BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int r = 0; r < count; r++) {
                if (in.readNBytes(record, 0, RECORD_BYTES) != RECORD_BYTES) {
                    throw new DataFileException(file, "ended inside record " + r + " (file changed while reading?)");
                }
                int label = Byte.toUnsignedInt(record[0]);
                if (label >= NUM_CLASSES) {
                    throw new DataFileException(file, "label " + label + " of record " + r + " is outside 0.."
                            + (NUM_CLASSES - 1) + ": not a CIFAR-10 file (CIFAR-100 has 2 label bytes per record)");
                }
                labels[first + r] = record[0];
                System.arraycopy(record, 1, pixels, (first + r) * IMAGE_BYTES, IMAGE_BYTES);
            }
        } catch (IOException e) {
            throw DataFiles.unreadable(file, e);
        }
    }
}
