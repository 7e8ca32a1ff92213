package org.bnn4j.runtime.format;

import org.bnn4j.runtime.BnnFormatException;
import org.bnn4j.runtime.testutil.Bytes;
import org.bnn4j.runtime.testutil.RandomModels;
import org.bnn4j.runtime.testutil.SampleModels;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every code of the format (op, weight kind, output stage) is read back as it was written, codes are unique, and an
 * unknown code is rejected with the list of valid ones.
 */
class FormatCodesTest {

    @Test
    void everyOpCodeRoundTripsThroughWriterAndReader() throws Exception {
        Set<OpCode> seen = EnumSet.noneOf(OpCode.class);
        for (ModelSpec spec : List.of(SampleModels.convNet(3), SampleModels.channelsLastConvNet(3))) {
            spec.ops().forEach(op -> seen.add(op.opCode()));
            byte[] bytes = ModelWriter.toBytes(spec);
            ModelSpec back = ModelReader.read(bytes);
            for (int i = 0; i < spec.ops().size(); i++) {
                assertEquals(spec.ops().get(i).opCode(), back.ops().get(i).opCode());
            }
            assertArrayEquals(bytes, ModelWriter.toBytes(back));
        }
        assertEquals(EnumSet.allOf(OpCode.class), seen, "the sample models must use every op");
    }

    @Test
    void everyWeightKindAndStageRoundTrips() throws Exception {
        RandomModels m = new RandomModels(8);
        ValueShape in = ValueShape.vector(70);
        for (Weights.Kind kind : Weights.Kind.values()) {
            for (boolean threshold : new boolean[]{false, true}) {
                LinearSpec draft = new LinearSpec("d", 0, InputMode.SIGN, 3, 70, null, 0,
                        m.weights(kind.code(), 3, 1, 70), m.affine(3));
                assertEquals(kind, draft.weights().kind());
                LinearSpec op = threshold ? draft.withStage(m.thresholds(draft)) : draft;
                LinearSpec back = (LinearSpec) ModelReader.read(ModelWriter.toBytes(
                        new ModelSpec("t", in, List.of(op)))).ops().get(0);
                assertEquals(kind, back.weights().kind());
                assertEquals(op.stage().kind(), back.stage().kind());
                assertEquals(op.stage().getClass(), back.stage().getClass());
            }
        }
    }

    @Test
    void codesAreUniqueWithinEachEnum() {
        for (Coded[] values : List.<Coded[]>of(OpCode.values(), Weights.Kind.values(), OutputStage.Kind.values(),
                InputMode.values(), ActivationKind.values(), PoolKind.values())) {
            Set<Integer> codes = new HashSet<>();
            for (Coded c : values) {
                assertTrue(codes.add(c.code()), "code " + c.code() + " used twice by " + c.getClass());
                assertEquals(c, Coded.find(values, c.code()));
            }
        }
    }

    @Test
    void unknownCodesAreRejectedWithTheValidOnes() {
        byte[] file = org.bnn4j.runtime.testutil.FormatDoc.testVector();
        BnnFormatException e = assertThrows(BnnFormatException.class,
                () -> ModelReader.read(Bytes.withByte(file, 0x4a, 7))); // op 0's output stage
        assertEquals("op 0 'hidden': output stage 7 is an unknown code; valid: 0 (AFFINE) or 1 (THRESHOLD)",
                e.getMessage());
        assertEquals("0 (FLOAT32), 1 (BINARY), 2 (TERNARY) or 3 (TERNARY_SCALED)", Coded.list(Weights.Kind.values()));
    }

    @Test
    void inputCountsFollowTheOpCode() {
        assertTrue(OpCode.ADD.acceptsInputs(2) && OpCode.ADD.acceptsInputs(Format.MAX_OP_INPUTS));
        assertTrue(!OpCode.ADD.acceptsInputs(1) && !OpCode.DENSE.acceptsInputs(2) && !OpCode.DENSE.acceptsInputs(0));
        assertEquals("1 input", OpCode.RESHAPE.arity());
        assertEquals("2 to 255 inputs", OpCode.ADD.arity());
        BnnFormatException e = assertThrows(BnnFormatException.class, () -> ModelValidator.validate(new ModelSpec("t",
                ValueShape.vector(2), List.of(new AddSpec("sum", new int[]{0})))));
        assertEquals("op 0 'sum' (ADD): takes 2 to 255 inputs, got 1", e.getMessage());
    }
}
