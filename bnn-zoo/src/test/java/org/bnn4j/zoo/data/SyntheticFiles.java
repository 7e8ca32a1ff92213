package org.bnn4j.zoo.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Small data-set files in the real formats, with pixel and label values the tests can predict:
 * pixel (i, c, y, x) = (7i + 50c + 3y + x) mod 256 and label(i) = 3i mod 10, for example i counted across files.
 * Pixel (0, 0) of channel 0 identifies the example (7 is invertible mod 256) for up to 256 examples.
 */
public final class SyntheticFiles {
    static final int MNIST_SIDE = 28;
    static final String[] IDX_NAMES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    private SyntheticFiles() {
    }

    static int pixel(int i, int c, int y, int x) {
        return (7 * i + 50 * c + 3 * y + x) & 0xff;
    }

    static int label(int i) {
        return (3 * i) % 10;
    }

    /** The example whose pixel (0, 0, 0) has this value (inverse of 7 mod 256 is 183). */
    static int exampleWithCornerPixel(int value) {
        return (value * 183) & 0xff;
    }

    static byte[] header(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** An IDX images file (header and pixels) of examples first .. first+count-1. */
    static byte[] idxImages(int first, int count, int rows, int columns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(IdxReader.IMAGES_MAGIC, count, rows, columns));
        for (int i = first; i < first + count; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    out.write(pixel(i, 0, y, x));
                }
            }
        }
        return out.toByteArray();
    }

    static byte[] idxLabels(int first, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(IdxReader.LABELS_MAGIC, count));
        for (int i = first; i < first + count; i++) {
            out.write(label(i));
        }
        return out.toByteArray();
    }

    /** The four MNIST-style files in {@code dir}: train examples 0..train-1, test examples 1000.., raw or gzipped. */
    public static void writeIdxSet(Path dir, int train, int test, boolean gzip) {
        write(dir, IDX_NAMES[0], idxImages(0, train, MNIST_SIDE, MNIST_SIDE), gzip);
        write(dir, IDX_NAMES[1], idxLabels(0, train), gzip);
        write(dir, IDX_NAMES[2], idxImages(1000, test, MNIST_SIDE, MNIST_SIDE), gzip);
        write(dir, IDX_NAMES[3], idxLabels(1000, test), gzip);
    }

    /** CIFAR-10 binary records of examples first .. first+count-1. */
    static byte[] cifarRecords(int first, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < first + count; i++) {
            out.write(label(i));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out.write(pixel(i, c, y, x));
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** Five training batches of {@code perBatch} examples (0, 1, 2... across files) and a test batch (1000..). */
    public static void writeCifarSet(Path dir, int perBatch, int test) {
        for (int b = 1; b <= 5; b++) {
            write(dir, "data_batch_" + b + ".bin", cifarRecords((b - 1) * perBatch, perBatch), false);
        }
        write(dir, "test_batch.bin", cifarRecords(1000, test), false);
    }

    /** Writes {@code bytes} to dir/name, or gzipped to dir/name.gz. */
    static Path write(Path dir, String name, byte[] bytes, boolean gzip) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(gzip ? name + ".gz" : name);
            Files.write(file, gzip ? gzip(bytes) : bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
