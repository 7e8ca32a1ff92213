package org.bnn4j.keras;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Hdf5Reader} and {@link Hdf5Scan} on files the test writer makes: names, both string kinds, float data,
 * refused sizes, and the damage libhdf5 1.12.1 crashed on.
 */
class Hdf5ReaderTest {
    @TempDir
    Path dir;

    private static KerasH5Writer dense(int in, int units) {
        return new KerasH5Writer(true)
                .layer("InputLayer", "in", KerasTestModels.input(in))
                .layer("QuantDense", "d", KerasTestModels.config("units", units, "use_bias", true),
                        Map.of("kernel", KerasTestModels.uniform(7, in, units), "bias", KerasTestModels.uniform(8, units)));
    }

    @Test
    void readsNamesStringsAndFloatsAsWritten() throws Exception {
        KerasH5Writer writer = dense(5, 3);
        Path file = writer.write(dir.resolve("dense.h5"));
        try (Hdf5Reader h5 = open(file)) {
            assertEquals(List.of("model_weights"), h5.groups());
            assertEquals(List.of("d", "in"), h5.groups("model_weights").stream().sorted().toList());
            assertEquals(List.of("bias:0", "kernel:0"), h5.dataSets("model_weights", "d", "d"));
            assertTrue(h5.hasAttribute("model_config"));
            assertEquals(writer.json(), h5.stringAttribute("model_config"));
            Hdf5Reader.Floats kernel = h5.floats("kernel:0", "model_weights", "d", "d");
            assertArrayEquals(new long[]{5, 3}, kernel.shape());
            assertArrayEquals(KerasTestModels.uniform(7, 5, 3).dup('c').data().asFloat(), kernel.values());
        }
    }

    @Test
    void variableLengthModelConfigImportsAsTheFixedLengthOne() throws Exception {
        Path fixed = LarqExampleModels.convNetWriter(8, 2).write(dir.resolve("fixed.h5"));
        KerasH5Writer writer = LarqExampleModels.convNetWriter(8, 2).variableLengthStrings();
        Path variable = writer.write(dir.resolve("variable.h5"));
        try (Hdf5Reader h5 = open(variable)) {
            assertEquals(writer.json(), h5.stringAttribute("model_config"));
        }
        ComputationGraph a = BnnKerasImport.importModelAndWeights(fixed);
        ComputationGraph b = BnnKerasImport.importModelAndWeights(variable);
        assertEquals(a.params(), b.params());
        INDArray x = KerasTestModels.uniform(3, 2, 8, 8, 2); // NHWC
        assertEquals(a.outputSingle(x), b.outputSingle(x));
    }

    @Test
    void aDatasetClaimingMoreThanTheFileHoldsIsRefusedBeforeAllocation() throws Exception {
        byte[] bytes = Files.readAllBytes(dense(13, 11).write(dir.resolve("dense.h5")));
        // the kernel's dataspace stores its dims as 8-byte little-endian lengths: 13, 11 (and maybe again as max dims)
        assertMessage(withDims(bytes, 13, 11, 13, 1 << 20), "huge.h5", "needs 13631488 elements of 4 bytes");
        assertMessage(withDims(bytes, 13, 11, 13, 1L << 40), "huger.h5", "more than 268435456 elements");
        assertMessage(withDims(bytes, 13, 11, 13, 0), "zero.h5", "has a dimension of 0");
    }

    @Test
    void aGlobalHeapObjectLargerThanItsCollectionIsRefusedBeforeHdf5ReadsIt() throws Exception {
        byte[] bytes = Files.readAllBytes(LarqExampleModels.convNetWriter(8, 2).variableLengthStrings()
                .write(dir.resolve("variable.h5")));
        int heap = indexOf(bytes, "GCOL".getBytes(StandardCharsets.US_ASCII));
        assertTrue(heap > 0, "no global heap in a file with variable-length strings");
        byte[] b = bytes.clone();
        b[heap + 16 + 8 + 4] = 1; // the first object's 8-byte size gains 2^32: libhdf5 1.12 would copy past the heap
        Path file = dir.resolve("heap.h5");
        Files.write(file, b);
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> BnnKerasImport.importModelAndWeights(file));
        assertTrue(e.getMessage().startsWith(file + ": damaged HDF5 global heap"), e.getMessage());
    }

    @Test
    void aSymbolTableWithAnUndefinedAddressIsRefusedBeforeHdf5ReadsIt() throws Exception {
        byte[] bytes = Files.readAllBytes(dense(5, 3).write(dir.resolve("dense.h5")));
        int message = indexOf(bytes, new byte[]{0x11, 0, 0x10, 0, 0, 0, 0, 0}); // type 0x11, 16 bytes, no flags
        assertTrue(message > 0, "no symbol table message");
        for (int address = 0; address < 2; address++) { // the B-tree's, then the local heap's: libhdf5 crashed on both
            byte[] b = bytes.clone();
            Arrays.fill(b, message + 8 + 8 * address, message + 16 + 8 * address, (byte) 0xff);
            Path file = dir.resolve("symbols-" + address + ".h5");
            Files.write(file, b);
            KerasImportException e = assertThrows(KerasImportException.class,
                    () -> BnnKerasImport.importModelAndWeights(file));
            assertTrue(e.getMessage().startsWith(file + ": damaged HDF5 group symbol table at byte " + message
                            + ": address " + (address + 1) + " of its message is undefined"),
                    e.getMessage());
        }
    }

    @Test
    void aGroupTreeNodeWithAnUndefinedChildIsRefusedBeforeHdf5ReadsIt() throws Exception {
        byte[] bytes = Files.readAllBytes(dense(5, 3).write(dir.resolve("dense.h5")));
        int node = indexOf(bytes, new byte[]{'T', 'R', 'E', 'E', 0});
        assertTrue(node > 0, "no group B-tree node");
        byte[] b = bytes.clone();
        Arrays.fill(b, node + 32, node + 40, (byte) 0xff); // after the header, both siblings and key 0: child 0
        Path file = dir.resolve("tree.h5");
        Files.write(file, b);
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> BnnKerasImport.importModelAndWeights(file));
        assertTrue(e.getMessage().startsWith(file + ": damaged HDF5 group B-tree node at byte " + node
                + ": the address of child 0 is undefined"), e.getMessage());
    }

    private static Hdf5Reader open(Path file) {
        Hdf5Scan.check(file, file.toString(), Hdf5Superblock.check(file, file.toString()));
        return Hdf5Reader.open(file, file.toString());
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        for (int i = 0; i + pattern.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private void assertMessage(byte[] bytes, String name, String expected) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        KerasImportException e = assertThrows(KerasImportException.class,
                () -> BnnKerasImport.importModelAndWeights(file));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(expected)
                && e.getMessage().contains("'kernel:0'"), e.getMessage());
    }

    /** Every place the two dims (d0, d1) are stored, set to (n0, n1). */
    private static byte[] withDims(byte[] bytes, long d0, long d1, long n0, long n1) {
        byte[] b = bytes.clone();
        byte[] pattern = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(d0).putLong(d1).array();
        byte[] replacement = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(n0).putLong(n1).array();
        int found = 0;
        for (int i = 0; i + 16 <= b.length; i++) {
            if (Arrays.equals(b, i, i + 16, pattern, 0, 16)) {
                System.arraycopy(replacement, 0, b, i, 16);
                found++;
            }
        }
        assertTrue(found > 0, "no dataspace with dims " + d0 + ", " + d1);
        return b;
    }
}
