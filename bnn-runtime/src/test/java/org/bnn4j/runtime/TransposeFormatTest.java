package org.bnn4j.runtime;

import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.ModelReader;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.ReshapeSpec;
import org.bnn4j.runtime.format.TransposeSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.testutil.SpecReference;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TRANSPOSE (format version 3): round trip, the version it needs, its definition, and invalid axes rejected. */
class TransposeFormatTest {

    private static ModelSpec nhwcModel(int[] axes) {
        return new ModelSpec("test", ValueShape.image(2, 3, 4), List.of(
                new TransposeSpec("nhwc-to-nchw", 0, axes),
                new ActivationSpec("tanh", 1, ActivationKind.TANH, 0f, 0f),
                new ReshapeSpec("flatten", 2, ValueShape.vector(24))));
    }

    @Test
    void channelsLastToChannelsFirstMatchesTheDefinition() throws Exception {
        ModelSpec spec = nhwcModel(new int[]{2, 0, 1});
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) {
            x[i] = i - 11.5f;
        }
        try (BnnModel model = BnnModel.load(ModelWriter.toBytes(spec))) {
            assertArrayEquals(new int[]{4, 2, 3}, model.trace(x).shape("nhwc-to-nchw"));
            float[] transposed = model.trace(x).values("nhwc-to-nchw");
            // [H=2, W=3, C=4] to [C, H, W]: out[c][h][w] = in[h][w][c]
            assertEquals(x[(1 * 3 + 2) * 4 + 3], transposed[(3 * 2 + 1) * 3 + 2]);
            double[] reference = SpecReference.run(spec, x).get(1);
            for (int i = 0; i < reference.length; i++) {
                assertEquals(reference[i], transposed[i]);
            }
        }
    }

    @Test
    void writtenAsVersion3AndReadBack() throws Exception {
        byte[] file = ModelWriter.toBytes(nhwcModel(new int[]{2, 0, 1}));
        assertEquals(3, ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
        assertEquals(nhwcModel(new int[]{2, 0, 1}), ModelReader.read(file));
        // labelled version 2, the opcode does not exist yet
        byte[] asVersion2 = file.clone();
        asVersion2[8] = 2;
        assertThrows(BnnFormatException.class, () -> BnnModel.load(org.bnn4j.runtime.testutil.Bytes.reframe(asVersion2)));
    }

    @Test
    void axesThatAreNoPermutationAreRejected() {
        for (int[] axes : new int[][]{{0, 0, 1}, {0, 1}, {0, 1, 3}}) {
            BnnFormatException e = assertThrows(BnnFormatException.class,
                    () -> BnnModel.of(nhwcModel(axes)));
            assertTrue(e.getMessage().contains("not a permutation"), e.getMessage());
        }
    }
}
