package org.bnn4j.runtime;

import org.bnn4j.runtime.format.ModelValidator;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.testutil.Bytes;
import org.bnn4j.runtime.testutil.FormatDoc;
import org.bnn4j.runtime.testutil.SampleModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Thousands of mutated and truncated model files: each either loads a model whose checksum holds, which then
 * predicts without error, or is rejected with {@link BnnFormatException}. Nothing else, and never a hang. Half of
 * the mutations re-frame the file (fix its length and CRC), so they get past the checksum and exercise the
 * payload parser and validator. The seeds are both test vectors of docs/FORMAT.md and two sample networks, one of
 * them with grouped and depthwise convolutions (a version-2 file). Every case is loaded from a file on disk, and every
 * rejection must name that file. {@code -Dbnn4j.fuzz.iterations=N} runs N cases instead of the default (the
 * property the data-reader fuzz tests use), e.g. 10,000 or more in a nightly build.
 */
class CorruptFilesFuzzTest {
    private static final int ATTEMPTS = Integer.getInteger("bnn4j.fuzz.iterations", 3000);
    private static final long MAX_WORK_ELEMENTS = 2_000_000;

    @TempDir
    Path dir;

    @Test
    void mutatedFilesLoadCorrectlyOrFailWithBnnFormatException() throws IOException {
        List<byte[]> seeds = List.of(FormatDoc.testVector(), ModelWriter.toBytes(SampleModels.convNet(7)),
                ModelWriter.toBytes(SampleModels.groupedConvNet(7)), FormatDoc.testVector("grouped"));
        Random r = new Random(2024);
        int loaded = 0;
        int rejectedByChecksum = 0;
        int rejectedAfterChecksum = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] seed = seeds.get(attempt % seeds.size());
            int kind = r.nextInt(7);
            byte[] file = mutate(seed, kind, r);
            String what = "attempt " + attempt + " (mutation " + kind + ")";
            Path path = dir.resolve("case-" + attempt % 16 + ".bnn");
            Files.write(path, file);
            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(path, file, what), what);
            switch (outcome) {
                case LOADED -> loaded++;
                case CHECKSUM -> rejectedByChecksum++;
                case OTHER_FORMAT_ERROR -> rejectedAfterChecksum++;
            }
        }
        System.out.printf("fuzz: %d mutated files: %d loaded, %d rejected by the checksum, %d rejected by the payload checks%n",
                ATTEMPTS, loaded, rejectedByChecksum, rejectedAfterChecksum);
        assertEquals(ATTEMPTS, loaded + rejectedByChecksum + rejectedAfterChecksum);
        assertTrue(rejectedAfterChecksum > ATTEMPTS / 5, "the payload parser must see many of the mutations: "
                + rejectedAfterChecksum);
        assertTrue(rejectedByChecksum > ATTEMPTS / 10, "un-reframed changes must fail the checksum: " + rejectedByChecksum);
        assertTrue(loaded > 0, "changed parameter values still make valid models: " + loaded);
    }

    private enum Outcome { LOADED, CHECKSUM, OTHER_FORMAT_ERROR }

    private static Outcome load(Path path, byte[] file, String what) {
        BnnModel model;
        try {
            model = BnnModel.load(path);
        } catch (BnnFormatException e) {
            assertTrue(e.getMessage().startsWith(path + ": "), what + ": the message must name the file: " + e.getMessage());
            String problem = e.getMessage().substring(path.toString().length() + 2);
            return problem.startsWith("checksum mismatch") ? Outcome.CHECKSUM : Outcome.OTHER_FORMAT_ERROR;
        } catch (Throwable t) {
            throw new AssertionError(what + ": expected a model or BnnFormatException, got " + t, t);
        }
        assertTrue(checksumHolds(file), what + ": loaded although its checksum does not hold");
        try {
            if (work(model) <= MAX_WORK_ELEMENTS) {
                float[] input = new float[model.inputSize()];
                Arrays.fill(input, 0.5f);
                assertEquals(model.outputSize(), model.predict(input).length);
            }
        } catch (Throwable t) {
            fail(what + ": a model that loaded failed to predict: " + t, t);
        }
        return Outcome.LOADED;
    }

    private static long work(BnnModel model) throws BnnFormatException {
        long total = 0;
        for (ValueShape s : ModelValidator.validate(model.spec())) {
            total += s.size();
        }
        return total;
    }

    private static boolean checksumHolds(byte[] file) {
        CRC32 crc = new CRC32();
        crc.update(file, 0, file.length - 4);
        return (int) crc.getValue() == ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(file.length - 4);
    }

    private static byte[] mutate(byte[] seed, int kind, Random r) {
        byte[] f = seed.clone();
        switch (kind) {
            case 0 -> { // bit flips, checksum left stale
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) f[r.nextInt(f.length)] ^= (byte) (1 << r.nextInt(8));
                return f;
            }
            case 1 -> { // bit flips in the payload, re-framed
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) f[24 + r.nextInt(f.length - 28)] ^= (byte) (1 << r.nextInt(8));
                return Bytes.reframe(f);
            }
            case 2 -> { // a random byte value, re-framed
                f[24 + r.nextInt(f.length - 28)] = (byte) r.nextInt(256);
                return Bytes.reframe(f);
            }
            case 3 -> { // plain truncation
                return Arrays.copyOf(f, r.nextInt(f.length));
            }
            case 4 -> { // the payload cut short, re-framed
                int keep = 24 + r.nextInt(f.length - 28);
                byte[] cut = Arrays.copyOf(f, keep + 4);
                return Bytes.reframe(cut);
            }
            case 5 -> { // bytes inserted, re-framed
                int at = 24 + r.nextInt(f.length - 28);
                int n = 1 + r.nextInt(8);
                byte[] out = new byte[f.length + n];
                System.arraycopy(f, 0, out, 0, at);
                for (int i = 0; i < n; i++) out[at + i] = (byte) r.nextInt(256);
                System.arraycopy(f, at, out, at + n, f.length - at);
                return Bytes.reframe(out);
            }
            default -> { // an extreme 32-bit value over a field, re-framed
                int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 16, 65535};
                int at = 24 + r.nextInt(f.length - 32);
                ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(at, extremes[r.nextInt(extremes.length)]);
                return Bytes.reframe(f);
            }
        }
    }
}
