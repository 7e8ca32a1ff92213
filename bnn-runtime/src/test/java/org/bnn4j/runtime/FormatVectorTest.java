package org.bnn4j.runtime;

import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelReader;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.runtime.testutil.FormatDoc;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The test vector of docs/FORMAT.md section 9, read from the document itself. */
class FormatVectorTest {

    /** The model section 9 describes in words. */
    static ModelSpec documentedModel() {
        return new ModelSpec("bnn4j FORMAT.md example", ValueShape.vector(3), List.of(
                new LinearSpec("hidden", 0, InputMode.SIGN, 2, 3, null, 0,
                        new Weights.Binary(new long[]{0b010, 0b111}),
                        new OutputStage.IntThresholds(new int[]{1, -1}, new boolean[]{false, true})),
                new LinearSpec("logits", 1, InputMode.REAL, 2, 2, null, 0,
                        new Weights.Ternary(new long[]{0b01, 0b10}, new long[]{0b00, 0b01}),
                        new OutputStage.Affine(new float[]{0.5f, 2f}, new float[]{0.25f, -1f})),
                new ActivationSpec("probabilities", 2, ActivationKind.SOFTMAX, 0, 0)));
    }

    @Test
    void writerProducesTheDocumentedBytes() {
        assertArrayEquals(FormatDoc.testVector(), ModelWriter.toBytes(documentedModel()));
    }

    @Test
    void runtimeComputesTheDocumentedOutputsFromTheDocumentedBytes() throws Exception {
        BnnModel model = BnnModel.load(FormatDoc.testVector());
        assertArrayEquals(new float[]{0.8519528f, 0.1480472f}, model.predict(new float[]{0.5f, -2f, 0f}), 1e-6f);
        assertArrayEquals(new float[]{0.6791787f, 0.3208213f}, model.predict(new float[]{-1f, -1f, -1f}), 1e-6f);
        Trace trace = model.trace(new float[]{0.5f, -2f, 0f});
        assertArrayEquals(new float[]{1f, 1f}, trace.values("hidden"));
        assertArrayEquals(new float[]{0.75f, -1f}, trace.values("logits"));
        assertEquals(List.of("hidden", "logits", "probabilities"), model.opNames());
    }

    @Test
    void readingAndWritingAgainGivesTheSameBytes() throws Exception {
        byte[] bytes = FormatDoc.testVector();
        assertArrayEquals(bytes, ModelWriter.toBytes(ModelReader.read(bytes)));
    }

    /** The check value the document gives for its CRC-32. */
    @Test
    void checksumIsTheCommonCrc32() {
        CRC32 crc = new CRC32();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xCBF43926L, crc.getValue());
    }
}
