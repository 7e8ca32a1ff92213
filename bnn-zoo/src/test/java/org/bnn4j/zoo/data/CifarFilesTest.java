package org.bnn4j.zoo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.bnn4j.zoo.data.SyntheticFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** CIFAR-10 binary files: records read back exactly (R, G, B planes), in both accepted places; bad files rejected. */
class CifarFilesTest {
    @TempDir
    Path root;

    private Path cifarDir() {
        return root.resolve("cifar10");
    }

    @Test
    void readsFiveTrainingBatchesInOrderAndTheTestBatch() {
        writeCifarSet(cifarDir(), 3, 4);
        LabeledImages train = ImageDataset.CIFAR10.loadTraining(root);
        assertEquals(15, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        for (int i = 0; i < 15; i++) {
            assertEquals(label(i), train.label(i));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y += 5) {
                    for (int x = 0; x < 32; x += 3) {
                        assertEquals(pixel(i, c, y, x), train.pixel(i, c, y, x), "example " + i);
                    }
                }
            }
        }
        LabeledImages test = ImageDataset.CIFAR10.loadTest(root);
        assertEquals(4, test.size());
        assertEquals(label(1003), test.label(3));
        assertEquals(pixel(1003, 2, 31, 31), test.pixel(3, 2, 31, 31));
    }

    @Test
    void acceptsTheArchiveSubdirectory() {
        writeCifarSet(cifarDir().resolve("cifar-10-batches-bin"), 2, 2);
        assertEquals(10, ImageDataset.CIFAR10.loadTraining(root).size());
        assertEquals(2, ImageDataset.CIFAR10.loadTest(root).size());
    }

    @Test
    void missingBatchIsNamedWithHowToGetIt() throws IOException {
        writeCifarSet(cifarDir(), 2, 2);
        Files.delete(cifarDir().resolve("data_batch_3.bin"));
        DataFileException e = assertThrows(DataFileException.class, () -> ImageDataset.CIFAR10.loadTraining(root));
        assertEquals(cifarDir().resolve("data_batch_3.bin"), e.getFile());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().contains("cifar-10-batches-bin"), "names the other place looked at: " + e.getMessage());
        assertTrue(e.getMessage().contains("\"CIFAR-10 binary version\""), e.getMessage());
        assertTrue(e.getMessage().contains("into " + cifarDir()), e.getMessage());
    }

    @Test
    void truncatedFileIsRejected() {
        byte[] records = cifarRecords(1000, 3);
        Path file = write(cifarDir(), "test_batch.bin", Arrays.copyOf(records, records.length - 1), false);
        assertRejected(file, "length 9218 bytes is not a positive multiple of 3073");
    }

    @Test
    void emptyFileIsRejected() {
        Path file = write(cifarDir(), "test_batch.bin", new byte[0], false);
        assertRejected(file, "length 0 bytes is not a positive multiple of 3073");
    }

    @Test
    void labelOutOfRangeIsRejected() {
        byte[] records = cifarRecords(1000, 3);
        records[2 * 3073] = 10;
        Path file = write(cifarDir(), "test_batch.bin", records, false);
        assertRejected(file, "label 10 of record 2 is outside 0..9");
    }

    @Test
    void moreRecordsThanAnArrayHoldsAreRejectedBeforeReading() throws IOException {
        Path file = cifarDir().resolve("test_batch.bin");
        Files.createDirectories(cifarDir());
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength((long) (CifarBinaryReader.MAX_RECORDS + 1) * CifarBinaryReader.RECORD_BYTES); // no data written
        }
        assertRejected(file, "brings the number of records to " + (CifarBinaryReader.MAX_RECORDS + 1));
    }

    private void assertRejected(Path file, String problem) {
        DataFileException e = assertThrows(DataFileException.class, () -> ImageDataset.CIFAR10.loadTest(root));
        assertEquals(file, e.getFile());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains("CIFAR-10 binary version"), "says how to get it: " + e.getMessage());
    }
}
