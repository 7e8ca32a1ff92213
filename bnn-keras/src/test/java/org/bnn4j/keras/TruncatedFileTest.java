package org.bnn4j.keras;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Truncated and header-damaged HDF5 files are rejected by {@link Hdf5Superblock} before the native HDF5 library opens
 * them, each with a {@link KerasImportException} that names the file and says what is wrong.
 */
class TruncatedFileTest {
    @TempDir
    Path dir;

    @Test
    void everyTruncationOfARealModelIsRejectedWithItsLengths() throws Exception {
        Path whole = LarqExampleModels.convNet(dir.resolve("whole.h5"), 8, 4);
        byte[] bytes = Files.readAllBytes(whole);
        assertNotNull(BnnKerasImport.importModelAndWeights(whole)); // the untouched file imports
        Random r = new Random(29);
        int cases = 0;
        for (int trial = 0; trial < 300; trial++) {
            int length = trial < 70 ? trial : r.nextInt(bytes.length); // every length of the superblock, then anywhere
            Path cut = dir.resolve("cut-" + length + ".h5");
            Files.write(cut, Arrays.copyOf(bytes, length));
            KerasImportException e = assertThrows(KerasImportException.class, () -> BnnKerasImport.importModelAndWeights(cut),
                    "length " + length);
            assertTrue(e.getMessage().startsWith(cut.toString() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(length < 8 ? "not an HDF5 file" : "truncated"), e.getMessage());
            Files.delete(cut);
            cases++;
        }
        System.out.println("TruncatedFileTest: " + cases + " truncations of a " + bytes.length
                + "-byte model, each rejected before HDF5 opened it");
    }

    @Test
    void aDamagedSuperblockIsNamed() throws Exception {
        byte[] bytes = Files.readAllBytes(LarqExampleModels.convNet(dir.resolve("model.h5"), 8, 4));
        int version = bytes[8];
        int offsetSizeAt = version <= 1 ? 13 : 9;

        byte[] unknownVersion = bytes.clone();
        unknownVersion[8] = 9;
        assertMessage(unknownVersion, "version.h5", "HDF5 superblock version 9 is unknown");

        byte[] badOffsets = bytes.clone();
        badOffsets[offsetSizeAt] = 3;
        assertMessage(badOffsets, "offsets.h5", "offsets of 3 bytes");

        byte[] longer = bytes.clone(); // an end-of-file address past the file's end
        int eofAt = (version == 0 ? 24 : version == 1 ? 28 : 12) + 2 * bytes[offsetSizeAt];
        longer[eofAt + 2] ^= 0x40;
        assertMessage(longer, "eof.h5", "truncated: its HDF5 superblock says the file is");
    }

    @Test
    void realLarqFilesPassTheCheck() throws Exception {
        Path fixture = LarqFixtures.file("gtsrb-xnor-30x30.h5"); // skips where ../shared/fixtures/larq is absent
        Hdf5Superblock.check(fixture, fixture.toString());
        assertNotNull(BnnKerasImport.importModelAndWeights(fixture));
    }

    private void assertMessage(byte[] bytes, String name, String expected) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        KerasImportException e = assertThrows(KerasImportException.class, () -> BnnKerasImport.importModelAndWeights(file));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(expected), e.getMessage());
    }
}
