package org.bnn4j.zoo.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bnn4j.zoo.data.SyntheticFiles.*;

/**
 * The data readers on mutated small files (fixed seeds): every case ends in a valid result or a
 * {@link DataFileException} naming the file, within its allocation budget. 1,000 cases per reader;
 * {@code -Dbnn4j.fuzz.iterations=N} runs more.
 */
class DataReaderFuzzTest {
    private static final int DEFAULT_CASES = 1000;
    /** Deflate expands at most about 1032:1, so a gzipped file can justify that much decompressed data. */
    private static final int DEFLATE_MAX_RATIO = 1032;
    private static final int ROWS = 7;
    private static final int COLUMNS = 5;
    private static final int ITEMS = 6;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void idxRaw() throws Exception {
        Fuzzer.run("IDX raw", 1, Mutator.iterations(DEFAULT_CASES), DataFileException.class, new IdxTarget(false));
    }

    @Test
    @Timeout(300)
    void idxGzip() throws Exception {
        Fuzzer.run("IDX gzip", 2, Mutator.iterations(DEFAULT_CASES), DataFileException.class, new IdxTarget(true));
    }

    @Test
    @Timeout(300)
    void cifarBinary() throws Exception {
        byte[] valid = cifarRecords(0, 3);
        Path file = dir.resolve("data_batch_1.bin");
        Fuzzer.run("CIFAR-10 binary", 3, Mutator.iterations(DEFAULT_CASES), DataFileException.class, new Fuzzer.Target() {
            @Override
            public Fuzzer.MutatedFile prepare(Mutator mutator) throws IOException {
                Mutator.Mutation m = mutator.mutate(valid);
                Files.write(file, m.bytes());
                return new Fuzzer.MutatedFile(file, m);
            }

            @Override
            public Object read() {
                return CifarBinaryReader.read(List.of(file));
            }

            @Override
            public long justifiedBytes() throws IOException {
                return 2 * Files.size(file);
            }
        });
    }

    /**
     * An images file and its labels file, one of them mutated (in turn). Gzipped, the mutation hits the compressed
     * bytes in one case and the IDX content before compression in the next, so that both the gzip decoder and the
     * IDX checks behind it see broken input.
     */
    private final class IdxTarget implements Fuzzer.Target {
        private final boolean gzip;
        private final byte[] images = idxImages(0, ITEMS, ROWS, COLUMNS);
        private final byte[] labels = idxLabels(0, ITEMS);
        private int cases;
        private Path imagesFile;
        private Path labelsFile;

        IdxTarget(boolean gzip) {
            this.gzip = gzip;
        }

        @Override
        public Fuzzer.MutatedFile prepare(Mutator mutator) throws IOException {
            boolean mutateImages = cases % 4 < 2;
            boolean beforeCompression = gzip && cases % 2 == 0;
            cases++;
            byte[] target = mutateImages ? images : labels;
            Mutator.Mutation m = mutator.mutate(gzip && !beforeCompression ? gzip(target) : target);
            byte[] bytes = beforeCompression ? gzip(m.bytes()) : m.bytes();
            imagesFile = write(dir, IDX_NAMES[0], mutateImages ? bytes : encoded(images), false);
            labelsFile = write(dir, IDX_NAMES[1], mutateImages ? encoded(labels) : bytes, false);
            return new Fuzzer.MutatedFile(mutateImages ? imagesFile : labelsFile, m);
        }

        private byte[] encoded(byte[] content) {
            return gzip ? gzip(content) : content;
        }

        @Override
        public Object read() {
            return IdxReader.read(imagesFile, labelsFile, ROWS, COLUMNS, 10);
        }

        @Override
        public long justifiedBytes() throws IOException {
            long onDisk = Files.size(imagesFile) + Files.size(labelsFile);
            return 2 * (gzip ? DEFLATE_MAX_RATIO * onDisk : onDisk);
        }
    }
}
