package org.bnn4j.tests;

import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.examples.train.DataMetadata;
import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.tests.testutil.SmallModels;
import org.bnn4j.tests.testutil.ZipEntries;
import org.bnn4j.zoo.data.Fuzzer;
import org.bnn4j.zoo.data.Layout;
import org.bnn4j.zoo.data.Mutator;
import org.bnn4j.zoo.data.Normalization;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line's loading path for ModelSerializer zips (what evaluate and export call:
 * {@link NetworkAdapter#restore} and {@link DataMetadata#readFrom}) on mutated small zips, fixed seeds: every
 * case ends in a restored network or a {@link ModelFileException} naming the file, within its allocation budget
 * (heap, and ND4J's off-heap memory). 1,000 cases per network type (tiny networks restore in about 2 ms);
 * {@code -Dbnn4j.fuzz.iterations=N} runs more.
 */
class ModelZipFuzzTest {
    private static final int DEFAULT_CASES = 1000;
    /** Deflate expands at most about 1032:1: the most a zip's entries can hold. */
    private static final int DEFLATE_MAX_RATIO = 1032;
    private static final long OFF_HEAP_ALLOWANCE = 1L << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void multiLayerNetworkZips() throws Exception {
        fuzz("MultiLayerNetwork zip", 11, SmallModels.multiLayerNetwork());
    }

    @Test
    @Timeout(600)
    void computationGraphZips() throws Exception {
        fuzz("ComputationGraph zip", 12, SmallModels.computationGraph());
    }

    private void fuzz(String name, long seed, Model network) throws Exception {
        Path valid = dir.resolve("valid.zip");
        ModelSerializer.writeModel(network, valid.toFile(), true);
        new DataMetadata("mnist", Layout.FLAT, 0, Normalization.ZERO_TO_ONE).writeTo(valid.toFile());
        ZipTarget target = new ZipTarget(valid, dir.resolve("mutated.zip"));
        Files.copy(valid, target.file);
        target.read(); // loads DL4J's classes, whose allocations are no case's
        Fuzzer.run(name, seed, Mutator.iterations(DEFAULT_CASES), ModelFileException.class, target);
    }

    /**
     * Mutates the zip's bytes in one case of three, and one of its entries (configuration, parameters, input
     * preparation, in turn) before zipping in the others, so that the checks behind the zip format are reached.
     */
    private static final class ZipTarget implements Fuzzer.Target {
        private final byte[] zipBytes;
        private final Map<String, byte[]> entries;
        private final List<String> names;
        private final Path file;
        private int cases;

        ZipTarget(Path valid, Path file) throws IOException {
            this.zipBytes = Files.readAllBytes(valid);
            this.entries = ZipEntries.read(valid);
            this.names = new ArrayList<>(entries.keySet());
            names.remove("updaterState.bin"); // not read when restoring without the updater
            this.file = file;
        }

        @Override
        public Fuzzer.MutatedFile prepare(Mutator mutator) throws IOException {
            int c = cases++;
            if (c % 3 == 0) {
                Mutator.Mutation m = mutator.mutate(zipBytes);
                Files.write(file, m.bytes());
                return new Fuzzer.MutatedFile(file, m);
            }
            String entry = names.get(c % names.size());
            Mutator.Mutation m = mutator.mutate(entries.get(entry));
            ZipEntries.withEntry(ZipEntries.write(file, entries), entry, m.bytes(), file);
            return new Fuzzer.MutatedFile(file, new Mutator.Mutation(entry + ": " + m.description(), m.bytes()));
        }

        @Override
        public Object read() {
            long offHeapBefore = Pointer.totalBytes();
            try {
                NetworkAdapter network = NetworkAdapter.restore(file.toFile());
                return List.of(network, DataMetadata.readFrom(file.toFile()));
            } finally {
                // ND4J's arrays live off the heap: a header that lies about a length would show here
                long grew = Pointer.totalBytes() - offHeapBefore;
                if (grew > OFF_HEAP_ALLOWANCE + justifiedBytes()) {
                    throw new AssertionError("ND4J allocated " + grew + " off-heap bytes for a " + size() + "-byte file");
                }
            }
        }

        @Override
        public long justifiedBytes() {
            return 2L * DEFLATE_MAX_RATIO * size();
        }

        private long size() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
