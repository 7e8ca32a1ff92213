package org.bnn4j.tests;

import org.bnn4j.pretrained.PretrainedCatalog;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.pretrained.PretrainedModelException;
import org.bnn4j.pretrained.PretrainedModels;
import org.bnn4j.pretrained.ShippedFile;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.PretrainedNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A copy of the shipped files with one byte changed is refused, by the runtime's loader and by the zoo's, with an
 * error naming the model and the file; the untouched copy loads.
 */
class PretrainedTamperTest {
    @TempDir
    Path copy;

    /**
     * Copies the shipped catalog (index, and every model's metadata and files: the index lists them all) to
     * {@code copy}, as resources under the same names; returns the first model, the one the tests change.
     */
    private PretrainedModel copyFirstModel() throws IOException {
        assumeFalse(PretrainedModels.list().isEmpty(), "no pretrained model is shipped in this build");
        copyResource(PretrainedCatalog.INDEX);
        for (PretrainedModel m : PretrainedModels.list()) {
            copyResource(PretrainedCatalog.metadataResource(m.name()));
            copyResource(m.packedFile().resource());
            m.dl4jFile().map(ShippedFile::resource).ifPresent(this::copyResourceUnchecked);
        }
        return PretrainedModels.list().get(0);
    }

    private void copyResourceUnchecked(String resource) {
        try {
            copyResource(resource);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void copyResource(String resource) throws IOException {
        Path target = copy.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Files.write(target, in.readAllBytes());
        }
    }

    private PretrainedCatalog catalogOfCopy() throws IOException {
        return PretrainedCatalog.of(new URLClassLoader(new URL[]{copy.toUri().toURL()}, null));
    }

    private void flipOneByte(String resource) throws IOException {
        Path file = copy.resolve(resource);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(file, bytes);
    }

    @Test
    void theUntouchedCopyLoads() throws Exception {
        PretrainedModel m = copyFirstModel();
        try (BnnModel model = catalogOfCopy().load(m.name())) {
            assertArrayEquals(m.inputShape(), model.inputShape());
        }
    }

    @Test
    void aChangedPackedModelIsRefusedNamingModelAndFile() throws Exception {
        PretrainedModel m = copyFirstModel();
        flipOneByte(m.packedFile().resource());
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> catalogOfCopy().load(m.name()));
        assertTrue(e.getMessage().startsWith("pretrained model " + m.name() + ": " + m.packedFile().resource()
                + " has SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + m.packedFile().sha256()), e.getMessage());
    }

    @Test
    void aChangedDl4jZipIsRefusedByTheZoo() throws Exception {
        PretrainedModel m = copyFirstModel();
        assumeFalse(m.dl4jFile().isEmpty(), m.name() + " ships no DL4J zip");
        String zip = m.dl4jFile().get().resource();
        flipOneByte(zip);
        PretrainedModelException e = assertThrows(PretrainedModelException.class,
                () -> PretrainedNetworks.restore(catalogOfCopy(), m.name(),
                        PretrainedAccuracyTest.zooModel(m.model()).modelType()));
        assertTrue(e.getMessage().contains(m.name()) && e.getMessage().contains(zip + " has SHA-256"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        PretrainedModel m = copyFirstModel();
        Files.delete(copy.resolve(m.packedFile().resource()));
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> catalogOfCopy().load(m.name()));
        assertTrue(e.getMessage().contains(m.packedFile().resource() + " is missing from the class path"), e.getMessage());
    }
}
