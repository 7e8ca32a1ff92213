package org.bnn4j.runtime;

import org.bnn4j.runtime.format.ModelReader;
import org.bnn4j.runtime.testutil.Bytes;
import org.bnn4j.runtime.testutil.FormatDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a file can be wrong is rejected with a {@link BnnFormatException} that says what is wrong. Offsets
 * refer to the test vector of docs/FORMAT.md (op 0 starts at 0x3a).
 */
class ModelReaderErrorsTest {
    private static final byte[] VALID = FormatDoc.testVector();

    private static void rejected(byte[] file, String expectedInMessage) {
        BnnFormatException e = assertThrows(BnnFormatException.class, () -> BnnModel.load(file));
        assertTrue(e.getMessage().contains(expectedInMessage),
                "message should mention '" + expectedInMessage + "': " + e.getMessage());
    }

    @Test
    void emptyFileAndWrongMagicAreNotModels() {
        rejected(new byte[0], "not a bnn4j model file");
        rejected("PK\u0003\u0004 a zip, perhaps a DL4J model".getBytes(), "not a bnn4j model file");
        byte[] textMode = VALID.clone();
        textMode[6] = 0x0A; // CR LF mangled to LF
        rejected(textMode, "magic");
    }

    /** Versions 2 (grouped convolutions) and 3 (TRANSPOSE) are read too; 4 is the first unknown one. */
    @Test
    void futureVersionIsNamedAsNewer() {
        byte[] v4 = VALID.clone();
        v4[8] = 4;
        rejected(v4, "format version 4 is newer than this runtime reads (version 3)");
        byte[] v0 = VALID.clone();
        v0[8] = 0;
        rejected(v0, "format version 0 is not a valid version");
    }

    @Test
    void unknownFlagsAreRejected() {
        byte[] flagged = VALID.clone();
        flagged[12] = 1;
        rejected(flagged, "unknown header flags");
    }

    @Test
    void truncatedFilesAreRejectedAtEveryLength() {
        for (int length = 0; length < VALID.length; length++) {
            byte[] cut = Arrays.copyOf(VALID, length);
            BnnFormatException e = assertThrows(BnnFormatException.class, () -> BnnModel.load(cut));
            String expected = length < 8 ? "magic" : "truncated";
            assertTrue(e.getMessage().contains(expected), "length " + length + ": " + e.getMessage());
        }
    }

    @Test
    void trailingBytesAreRejected() {
        rejected(Arrays.copyOf(VALID, VALID.length + 1), "continues after the checksum");
    }

    @Test
    void anyChangedByteBreaksTheChecksum() {
        byte[] changed = VALID.clone();
        changed[0x75] ^= 0x01; // a threshold
        rejected(changed, "checksum mismatch");
    }

    /** A header may claim any payload length: the reader fails on the short stream without allocating it. */
    @Test
    void hostilePayloadLengthsCostNothing() {
        byte[] huge = VALID.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 1L << 40);
        rejected(huge, "exceeds the limit");
        byte[] large = VALID.clone();
        ByteBuffer.wrap(large).order(ByteOrder.LITTLE_ENDIAN).putLong(16, Integer.MAX_VALUE - 100);
        rejected(large, "truncated file: the header says the payload has 2147483547 bytes");
        byte[] negative = VALID.clone();
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putLong(16, -1L);
        rejected(negative, "exceeds the limit");
    }

    /** With a correct checksum, the payload's own rules are still checked. */
    @Test
    void payloadRulesAreCheckedAfterTheChecksum() {
        rejected(Bytes.withByte(VALID, 0x3a, 99), "opcode 99 is not an op of format version 1");
        rejected(Bytes.withByte(VALID, 0x44, 7), "input value id 7 is not defined before this op");
        rejected(Bytes.withByte(VALID, 0x5d, 0x0A), "pad bits set");                   // weight bit 3 of 3
        rejected(Bytes.withByte(VALID, 0x48, 0), "int32 thresholds need an integer accumulator"); // REAL input
        rejected(Bytes.withByte(VALID, 0x55, 3), "dimension 0 is 3, expected [2, 1]");
        rejected(Bytes.withByte(VALID, 0xc6, 0x01), "marked both +1 and -1");          // ternary planes overlap
        rejected(Bytes.withByte(VALID, 0x81, 0x06), "pad bits past channel 2");         // flip pad bit
        rejected(Bytes.withByte(VALID, 0x49, 9), "weight kind 9");
        rejected(Bytes.withByte(VALID, 0x107, 0), "unknown code");                       // activation kind 0
        rejected(Bytes.withByte(VALID, 0x32, 4), "expects a vector input of 3 features, got shape [4]");
        rejected(Bytes.withByte(VALID, 0x31, 2), "rank 2 is not 1 (vector) or 3 (image)");
        rejected(Bytes.withByte(VALID, 0x3d, 0xFF), "name at file offset 61 is not valid UTF-8");
        rejected(Bytes.withByte(VALID, 0x36, 4), "truncated payload");                  // one op too many
        rejected(Bytes.withByte(VALID, 0x36, 2), "unused bytes after the last op");
        byte[] duplicateName = Bytes.replaced(VALID, "logits".getBytes(), "hidden".getBytes());
        rejected(duplicateName, "used by an earlier op too");
    }

    @Test
    void pathErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.bnn");
        Files.write(file, Arrays.copyOf(VALID, 100));
        BnnFormatException e = assertThrows(BnnFormatException.class, () -> BnnModel.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aStreamMustHoldExactlyOneModel() throws Exception {
        byte[] two = Arrays.copyOf(VALID, 2 * VALID.length);
        System.arraycopy(VALID, 0, two, VALID.length, VALID.length);
        try (InputStream in = new ByteArrayInputStream(two)) {
            BnnFormatException e = assertThrows(BnnFormatException.class, () -> ModelReader.read(in));
            assertTrue(e.getMessage().contains("continues after the checksum"), e.getMessage());
        }
    }
}
