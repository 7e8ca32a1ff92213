package org.bnn4j.runtime;

import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelReader;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelValidator;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.OpSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.runtime.format.Window;
import org.bnn4j.runtime.testutil.Bytes;
import org.bnn4j.runtime.testutil.FormatDoc;
import org.bnn4j.runtime.testutil.RandomModels;
import org.bnn4j.runtime.testutil.SampleModels;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONV2D's groups in the file: the version-2 test vector of docs/FORMAT.md, version 1 kept for every model without
 * groups, write-read round trips, and the rules (groups at least 1, dividing nIn and nOut; none for DENSE) enforced
 * on specs and on files.
 */
class GroupedFormatTest {
    private static final byte[] DOCUMENTED = FormatDoc.testVector("grouped");

    /** The depthwise model section 9 describes in words. */
    static ModelSpec documentedModel() {
        Window kernel1x2 = new Window(1, 2, 1, 1, 1, 1, 0, 0, 0, 0);
        long[] weights = {0b0, 0b1, 0b1, 0b0}; // output 0: [+1, -1], output 1: [-1, +1]
        return new ModelSpec("bnn4j FORMAT.md groups", ValueShape.image(2, 1, 3), List.of(
                new LinearSpec("depthwise", 0, InputMode.SIGN, 2, 2, kernel1x2, 0, new Weights.Binary(weights),
                        new OutputStage.Affine(new float[]{0.5f, 1f}, new float[]{0f, 0.25f}), 2)));
    }

    @Test
    void writerProducesTheDocumentedVersion2Bytes() {
        assertArrayEquals(DOCUMENTED, ModelWriter.toBytes(documentedModel()));
    }

    @Test
    void runtimeComputesTheDocumentedOutputsFromTheDocumentedBytes() throws Exception {
        BnnModel model = BnnModel.load(DOCUMENTED);
        assertArrayEquals(new float[]{1f, -1f, 2.25f, 0.25f}, model.predict(new float[]{0.5f, -1f, 2f, -0.5f, 0f, 3f}));
        assertEquals(2, ((LinearSpec) model.spec().ops().get(0)).groups());
        assertArrayEquals(DOCUMENTED, ModelWriter.toBytes(ModelReader.read(DOCUMENTED)));
    }

    /** Without groups nothing changes: version 1, the same bytes as before version 2 existed. */
    @Test
    void modelsWithoutGroupsAreStillWrittenAsVersion1() throws Exception {
        byte[] v1 = ModelWriter.toBytes(SampleModels.convNet(5));
        assertEquals(1, version(v1));
        for (OpSpec op : ModelReader.read(v1).ops()) {
            if (op instanceof LinearSpec l) assertEquals(1, l.groups(), l.name());
        }
        assertEquals(2, version(ModelWriter.toBytes(SampleModels.groupedConvNet(5))));
    }

    @Test
    void groupedModelsRoundTripThroughTheFile() throws Exception {
        ModelSpec spec = SampleModels.groupedConvNet(9);
        byte[] bytes = ModelWriter.toBytes(spec);
        ModelSpec back = ModelReader.read(bytes);
        assertArrayEquals(bytes, ModelWriter.toBytes(back));
        for (int i = 0; i < spec.ops().size(); i++) {
            if (spec.ops().get(i) instanceof LinearSpec l) {
                LinearSpec r = (LinearSpec) back.ops().get(i);
                assertEquals(l.groups(), r.groups(), l.name());
                assertEquals(l.weights().kind(), r.weights().kind(), l.name());
            }
        }
        float[] x = new RandomModels(1).input(spec.inputShape());
        assertArrayEquals(BnnModel.of(spec).predict(x), BnnModel.load(bytes).predict(x));
    }

    @Test
    void specsWithInvalidGroupsAreRejectedNamingTheOp() {
        RandomModels m = new RandomModels(4);
        ValueShape in = ValueShape.image(4, 5, 5);
        Window same3 = new Window(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        LinearSpec ok = m.linear("dw", 0, in, 4, true, 4, InputMode.SIGN, 1, same3, 0);
        rejected(ok.withGroups(0), "op 0 'dw' (CONV2D): groups must be at least 1, got 0");
        rejected(ok.withGroups(-4), "op 0 'dw' (CONV2D): groups must be at least 1, got -4");
        rejected(ok.withGroups(3), "op 0 'dw' (CONV2D): groups 3 must divide nIn and nOut, got nIn=4, nOut=4");
        LinearSpec sixOut = m.linear("conv", 0, in, 6, false, 2, InputMode.REAL, 0, same3, 1);
        rejected(sixOut.withGroups(4), "op 0 'conv' (CONV2D): groups 4 must divide nIn and nOut, got nIn=4, nOut=6");
        LinearSpec dense = m.linear("fc", 0, ValueShape.vector(4), 2, false, 1, InputMode.REAL, 0, null, 0);
        rejected(dense.withGroups(2), "op 0 'fc' (DENSE): a dense op has no groups; groups must be 1, got 2");
        // weights sized for the wrong grouping: rows of nIn channels where nIn / groups are expected
        LinearSpec wrongRows = m.linear("dw", 0, in, 4, false, 1, InputMode.SIGN, 0, same3, 0).withGroups(4);
        rejected(wrongRows, "float weights: expected 36 elements, got 144");
    }

    @Test
    void filesWithInvalidGroupsAreRejected() {
        int groupsAt = 0x72; // in the documented file
        assertEquals(2, ByteBuffer.wrap(DOCUMENTED).order(ByteOrder.LITTLE_ENDIAN).getInt(groupsAt));
        fileRejected(withInt(DOCUMENTED, groupsAt, 0), "op 0 'depthwise': groups is 0 at file offset 114; it must be 1");
        fileRejected(withInt(DOCUMENTED, groupsAt, -1), "groups is 4294967295 at file offset 114");
        fileRejected(withInt(DOCUMENTED, groupsAt, 3), "op 0 'depthwise': groups 3 must divide nIn and nOut");
        // the same payload labelled version 1 has no groups field: its bytes are misread, and rejected
        byte[] asVersion1 = DOCUMENTED.clone();
        asVersion1[8] = 1;
        assertThrows(BnnFormatException.class, () -> BnnModel.load(Bytes.reframe(asVersion1)));
    }

    @Test
    void truncatedGroupedFilesAreRejectedAtEveryLength() {
        byte[] file = ModelWriter.toBytes(SampleModels.groupedConvNet(2));
        for (int length = 0; length < file.length; length += 1 + length / 64) {
            byte[] cut = java.util.Arrays.copyOf(file, length);
            BnnFormatException e = assertThrows(BnnFormatException.class, () -> BnnModel.load(cut));
            assertTrue(e.getMessage().contains(length < 8 ? "magic" : "truncated"), "length " + length + ": " + e.getMessage());
            // re-framed, the cut payload passes the checksum and must fail in the parser
            if (length > 28) {
                byte[] reframed = Bytes.reframe(java.util.Arrays.copyOf(file, length));
                assertThrows(BnnFormatException.class, () -> BnnModel.load(reframed), "length " + length);
            }
        }
    }

    private static void rejected(LinearSpec op, String message) {
        ModelSpec spec = new ModelSpec("t", op.isConvolution() ? ValueShape.image(4, 5, 5) : ValueShape.vector(4),
                List.of(op));
        BnnFormatException e = assertThrows(BnnFormatException.class, () -> ModelValidator.validate(spec));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> ModelWriter.toBytes(spec));
        assertTrue(w.getMessage().contains(message), w.getMessage());
    }

    private static void fileRejected(byte[] file, String message) {
        BnnFormatException e = assertThrows(BnnFormatException.class, () -> BnnModel.load(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static byte[] withInt(byte[] file, int offset, int value) {
        byte[] out = file.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return Bytes.reframe(out);
    }

    private static int version(byte[] file) {
        return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }
}
