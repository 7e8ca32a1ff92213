package org.bnn4j.zoo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.bnn4j.zoo.data.SyntheticFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** MNIST-style IDX files, raw and gzipped: values read back exactly, and every kind of bad file rejected. */
class IdxFilesTest {
    @TempDir
    Path root;

    private Path mnistDir() {
        return root.resolve("mnist");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsEveryPixelAndLabelOfRawAndGzippedFiles(boolean gzip) {
        writeIdxSet(mnistDir(), 12, 5, gzip);
        LabeledImages train = ImageDataset.MNIST.loadTraining(root);
        LabeledImages test = ImageDataset.MNIST.loadTest(root);
        assertEquals(12, train.size());
        assertEquals(5, test.size());
        assertEquals(1, train.channels());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        for (int i = 0; i < 12; i++) {
            assertEquals(label(i), train.label(i));
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    assertEquals(pixel(i, 0, y, x), train.pixel(i, 0, y, x));
                }
            }
        }
        assertEquals(label(1004), test.label(4));
        assertEquals(pixel(1004, 0, 27, 27), test.pixel(4, 0, 27, 27));
    }

    @Test
    void fashionMnistReadsFromItsOwnDirectory() {
        writeIdxSet(root.resolve("fashion-mnist"), 3, 2, true);
        assertEquals(3, ImageDataset.FASHION_MNIST.loadTraining(root).size());
        DataFileException e = assertThrows(DataFileException.class, () -> ImageDataset.MNIST.loadTraining(root));
        assertTrue(e.getMessage().contains(root.resolve("mnist").toString()), e.getMessage());
    }

    @Test
    void missingFileIsNamedWithHowToGetIt() {
        writeIdxSet(mnistDir(), 4, 2, false);
        Path labels = mnistDir().resolve(IDX_NAMES[1]);
        delete(labels);
        DataFileException e = assertThrows(DataFileException.class, () -> ImageDataset.MNIST.loadTraining(root));
        assertEquals(labels, e.getFile());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().contains(labels + ".gz"), "mentions the gzipped alternative: " + e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-data.sh " + root), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fileWithTooFewDataBytesIsRejected(boolean gzip) {
        byte[] images = idxImages(0, 4, 28, 28);
        rejects(IDX_NAMES[0], Arrays.copyOf(images, images.length - 1), gzip, "truncated");
    }

    @Test
    void truncatedGzipFileIsRejected() {
        byte[] gz = gzip(idxImages(0, 4, 28, 28));
        // a gzip stream cut short, under the name without .gz: the content tells it is gzip
        rejects(IDX_NAMES[0], Arrays.copyOf(gz, gz.length / 2), false, "truncated");
    }

    @Test
    void corruptGzipIsRejected() {
        byte[] gz = gzip(idxImages(0, 4, 28, 28));
        for (int i = 20; i < gz.length - 8; i++) {
            gz[i] ^= 0x5a;
        }
        rejects(IDX_NAMES[0] + ".gz", gz, false, "corrupt gzip data");
    }

    @Test
    void gzipChecksumMismatchIsRejected() {
        byte[] gz = gzip(idxImages(0, 4, 28, 28));
        gz[gz.length - 8] ^= 1; // first byte of the trailer's CRC-32
        rejects(IDX_NAMES[0] + ".gz", gz, false, "corrupt gzip data: CRC-32 mismatch");
    }

    @Test
    void bytesAfterTheGzipStreamAreRejectedLikeTrailingBytesOfARawFile() {
        byte[] gz = concat(gzip(idxImages(0, 4, 28, 28)), new byte[]{0, 0, 7});
        rejects(IDX_NAMES[0] + ".gz", gz, false, "3 bytes that are not gzip data follow the end of the gzip stream");
    }

    @Test
    void concatenatedGzipMembersAreOneFile() {
        byte[] images = idxImages(0, 4, 28, 28);
        byte[] gz = concat(gzip(Arrays.copyOf(images, 1000)), gzip(Arrays.copyOfRange(images, 1000, images.length)));
        writeLabels(4);
        write(mnistDir(), IDX_NAMES[0] + ".gz", gz, false);
        LabeledImages read = ImageDataset.MNIST.loadTraining(root);
        assertEquals(pixel(3, 0, 27, 27), read.pixel(3, 0, 27, 27));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trailingBytesAreRejected(boolean gzip) {
        rejects(IDX_NAMES[0], concat(idxImages(0, 4, 28, 28), new byte[]{1, 2, 3}), gzip, "longer than its header says");
    }

    @Test
    void labelsFileWhereImagesBelongIsRejectedByMagicNumber() {
        rejects(IDX_NAMES[0], idxLabels(0, 4), false,
                "magic number 0x00000801 (that of an IDX labels file), expected 0x00000803");
    }

    @Test
    void unknownMagicNumberIsRejected() {
        byte[] images = idxImages(0, 4, 28, 28);
        images[2] = 0x09; // IDX type byte: 0x09 is signed bytes, not the unsigned bytes MNIST uses
        rejects(IDX_NAMES[0], images, false, "magic number 0x00000903, expected 0x00000803");
    }

    @Test
    void wrongImageSizeIsRejected() {
        rejects(IDX_NAMES[0], idxImages(0, 4, 30, 28), false, "header says 30x28 images, expected 28x28");
    }

    @Test
    void imageAndLabelCountsMustMatch() {
        writeIdxSet(mnistDir(), 4, 2, false);
        write(mnistDir(), IDX_NAMES[1], idxLabels(0, 3), false);
        assertRejected(mnistDir().resolve(IDX_NAMES[0]), "holds 4 images but " + mnistDir().resolve(IDX_NAMES[1])
                + " holds 3 labels");
    }

    @Test
    void labelOutOfRangeIsRejected() {
        writeIdxSet(mnistDir(), 4, 2, false);
        byte[] labels = idxLabels(0, 4);
        labels[8 + 2] = 10;
        Path file = write(mnistDir(), IDX_NAMES[1], labels, false);
        assertRejected(file, "label 10 of item 2 is outside 0..9");
    }

    @Test
    void fileShorterThanAHeaderIsRejected() {
        rejects(IDX_NAMES[0], new byte[]{0, 0, 8}, false, "too short to hold an IDX header");
    }

    @Test
    void emptyDataSetIsRejected() {
        rejects(IDX_NAMES[0], header(IdxReader.IMAGES_MAGIC, 0, 28, 28), false, "item count 0");
    }

    @Test
    void absurdCountIsRejectedBeforeAllocating() {
        writeIdxSet(mnistDir(), 4, 2, false);
        Path file = write(mnistDir(), IDX_NAMES[1], header(IdxReader.LABELS_MAGIC, Integer.MAX_VALUE), true);
        delete(mnistDir().resolve(IDX_NAMES[1]));
        assertRejected(file, "more than one array holds");
    }

    @Test
    void smallGzipFileClaimingTwoBillionItemsCostsNoMoreThanItsData() {
        writeIdxSet(mnistDir(), 4, 2, false);
        delete(mnistDir().resolve(IDX_NAMES[1]));
        // the largest count that passes the array-size check: 2,147,483,639 labels in a file of about 30 bytes
        Path file = write(mnistDir(), IDX_NAMES[1], header(IdxReader.LABELS_MAGIC, Integer.MAX_VALUE - 8), true);
        Allocations.Outcome<LabeledImages> read = Allocations.run(() -> ImageDataset.MNIST.loadTraining(root));
        DataFileException e = assertInstanceOf(DataFileException.class, read.failure());
        assertEquals(file, e.getFile());
        assertTrue(e.getMessage().contains("truncated: the header describes 2147483639 data bytes, the file holds 0"),
                e.getMessage());
        assertTrue(read.allocatedBytes() < (4 << 20), "allocated " + read.allocatedBytes() + " bytes");
    }

    /** Writes good labels for 4 examples and {@code bytes} as file {@code name}, then expects a rejection. */
    private void rejects(String name, byte[] bytes, boolean gzip, String problem) {
        writeLabels(4);
        Path file = write(mnistDir(), name, bytes, gzip);
        assertRejected(file, problem);
    }

    private void writeLabels(int count) {
        write(mnistDir(), IDX_NAMES[1], idxLabels(0, count), false);
    }

    private void assertRejected(Path file, String problem) {
        DataFileException e = assertThrows(DataFileException.class, () -> ImageDataset.MNIST.loadTraining(root));
        assertEquals(file, e.getFile(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains("fetch-data.sh"), "says how to get the file: " + e.getMessage());
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
