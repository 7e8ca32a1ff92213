package org.bnn4j.tests;

import org.bnn4j.keras.BnnKerasImport;
import org.bnn4j.keras.KerasH5Writer;
import org.bnn4j.keras.KerasImportException;
import org.bnn4j.keras.LarqExampleModels;
import org.bnn4j.zoo.data.Fuzzer;
import org.bnn4j.zoo.data.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link BnnKerasImport} on Larq model files whose {@code model_config} JSON is mutated (then written as a valid HDF5
 * file, so every case reaches the importer's own checks), fixed seeds: every case ends in an imported network or a
 * {@link KerasImportException} naming the file, with a printable message, within its allocation budget. 1,000
 * cases; {@code -Dbnn4j.fuzz.iterations=N} runs more.
 *
 * <p>The HDF5 file's own bytes are fuzzed by bnn-keras' {@code Hdf5BytesFuzzTest}. They were left out here at first:
 * after about 120 such files had failed to read in one JVM, the JVM crashed (SIGSEGV in libhdf5's
 * {@code H5CX_set_tag}) because DL4J's {@code Hdf5Archive} left the HDF5 objects of every failed read to JavaCPP's
 * deallocator, which closed them from another thread while this one made HDF5 calls. bnn-keras now reads files with
 * its own {@code Hdf5Reader}, which frees every object under the hdf5 lock, failure or not.
 */
class KerasFileFuzzTest {
    private static final int DEFAULT_CASES = 1000;
    /** The weights a valid configuration asks for, decoded: a few times the file. */
    private static final int EXPANSION = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(900)
    void mutatedLarqFilesAreImportedOrRejectedWithTheFileNamed() throws Exception {
        KerasH5Writer writer = LarqExampleModels.convNetWriter(28, 1);
        Path valid = writer.write(dir.resolve("valid.h5"));
        BnnKerasImport.importModelAndWeights(valid); // loads the classes and natives, whose allocations are no case's
        byte[] json = writer.json().getBytes(StandardCharsets.UTF_8);
        Fuzzer.run("Larq/Keras model_config", 21, Mutator.iterations(DEFAULT_CASES), KerasImportException.class,
                new Fuzzer.Target() {
                    private int cases;
                    private Path file;

                    @Override
                    public Fuzzer.MutatedFile prepare(Mutator mutator) {
                        file = dir.resolve("mutated-" + cases++ + ".h5"); // a file of its own per case
                        Mutator.Mutation m = mutator.mutate(json);
                        writer.write(file, new String(m.bytes(), StandardCharsets.UTF_8));
                        return new Fuzzer.MutatedFile(file, new Mutator.Mutation("model_config: " + m.description(),
                                m.bytes()));
                    }

                    @Override
                    public Object read() {
                        return BnnKerasImport.importModelAndWeights(file);
                    }

                    @Override
                    public long justifiedBytes() throws Exception {
                        long size = Files.size(file);
                        Files.delete(file); // the last call of a case: keeps the temporary directory small
                        return EXPANSION * size;
                    }
                });
    }
}
