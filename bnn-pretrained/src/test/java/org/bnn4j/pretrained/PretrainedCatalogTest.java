package org.bnn4j.pretrained;

import org.bnn4j.runtime.BnnModel;
import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.ValueShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The catalog over a resources directory the test writes: loading, listing, and every kind of damage refused. */
class PretrainedCatalogTest {
    private static final String NAME = "softmax-toy";
    private static final String PACKED = PretrainedCatalog.ROOT + NAME + ".bnn";

    @TempDir
    Path root;

    private PretrainedModel writeToyModel() throws Exception {
        byte[] packed = ModelWriter.toBytes(new ModelSpec("test", ValueShape.vector(3),
                List.of(new ActivationSpec("softmax", 0, ActivationKind.SOFTMAX, 0, 0))));
        Path file = root.resolve(PACKED);
        Files.createDirectories(file.getParent());
        Files.write(file, packed);
        PretrainedModel m = PretrainedModel.builder().name(NAME).model("softmax").dataset("toy", "Toy")
                .inputShape(3).imageSide(0).range(0f, 1f).classNames(List.of("a", "b", "c"))
                .testResults(10, 7, 8).training("./bnn4j train --model toy", 1, 1, 2.5)
                .packedFile(ShippedFile.of(PACKED, packed)).build();
        CatalogWriter.add(root, m);
        return m;
    }

    private PretrainedCatalog catalog() throws Exception {
        return PretrainedCatalog.of(new URLClassLoader(new URL[]{root.toUri().toURL()}, null));
    }

    @Test
    void listsAndLoadsAModelWhoseFilesMatchTheirChecksums() throws Exception {
        PretrainedModel written = writeToyModel();
        PretrainedCatalog catalog = catalog();
        assertEquals(List.of(NAME), catalog.names());
        PretrainedModel read = catalog.get(NAME);
        assertEquals(written.toProperties(), read.toProperties());
        assertEquals(0.8, read.runtimeAccuracy(), 1e-12);
        try (BnnModel model = catalog.load(NAME)) {
            assertEquals(2, model.classify(new float[]{0f, 1f, 2f}));
        }
    }

    @Test
    void writingTheSameModelTwiceGivesTheSameFiles() throws Exception {
        writeToyModel();
        byte[] index = Files.readAllBytes(root.resolve(PretrainedCatalog.INDEX));
        byte[] metadata = Files.readAllBytes(root.resolve(PretrainedCatalog.metadataResource(NAME)));
        writeToyModel();
        assertArrayEquals(index, Files.readAllBytes(root.resolve(PretrainedCatalog.INDEX)));
        assertArrayEquals(metadata, Files.readAllBytes(root.resolve(PretrainedCatalog.metadataResource(NAME))));
    }

    @Test
    void aChangedByteIsRefusedNamingTheModelAndTheFile() throws Exception {
        writeToyModel();
        Path file = root.resolve(PACKED);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> catalog().load(NAME));
        assertEquals(NAME, e.getModel());
        assertTrue(e.getMessage().contains(PACKED) && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void aTruncatedOrLongerFileIsRefusedBySize() throws Exception {
        writeToyModel();
        Path file = root.resolve(PACKED);
        Files.write(file, new byte[]{1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> catalog().load(NAME));
        assertTrue(e.getMessage().contains(PACKED) && e.getMessage().contains("bytes, expected"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        writeToyModel();
        Files.delete(root.resolve(PACKED));
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> catalog().load(NAME));
        assertTrue(e.getMessage().contains(PACKED + " is missing"), e.getMessage());
    }

    @Test
    void editedMetadataIsRefusedByTheIndexChecksum() throws Exception {
        writeToyModel();
        Path metadata = root.resolve(PretrainedCatalog.metadataResource(NAME));
        Files.writeString(metadata, Files.readString(metadata).replace("test.correct.runtime=8", "test.correct.runtime=9"));
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> catalog().list());
        assertTrue(e.getMessage().contains(NAME + ".properties has SHA-256"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheShippedModels() throws Exception {
        writeToyModel();
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> catalog().load("nope"));
        assertEquals("pretrained model nope: no such model; shipped models: " + NAME, e.getMessage());
        assertThrows(PretrainedModelException.class, () -> catalog().read(catalog().get(NAME), PretrainedModel.DL4J),
                "no DL4J zip shipped for the toy");
    }

    @Test
    void aClassPathWithoutModelsListsNone() throws Exception {
        assertTrue(catalog().list().isEmpty());
        PretrainedModelException e = assertThrows(PretrainedModelException.class, () -> catalog().get(NAME));
        assertTrue(e.getMessage().contains("shipped models: none"), e.getMessage());
    }
}
