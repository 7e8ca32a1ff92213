package org.bnn4j.runtime;

import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.ReshapeSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;
import org.bnn4j.runtime.testutil.RandomModels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BnnModel#profile}: one row per op, in order, with each op's multiply-accumulates counted from its shape. */
class ProfileTest {

    @Test
    void everyOpIsTimedAndItsMultiplyAccumulatesCounted() throws Exception {
        RandomModels m = new RandomModels(17);
        ValueShape in = ValueShape.image(16, 8, 8);
        Window same = new Window(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        LinearSpec conv = new LinearSpec("conv", 0, InputMode.SIGN, 32, 16, same, 1, m.weights(1, 32, 9, 16), m.affine(32));
        ReshapeSpec flatten = new ReshapeSpec("flatten", 1, ValueShape.vector(32 * 8 * 8));
        LinearSpec dense = m.linear("dense", 2, ValueShape.vector(32 * 8 * 8), 10, false);
        byte[] file = ModelWriter.toBytes(new ModelSpec("profiled", in, List.of(conv, flatten, dense)));
        try (BnnModel model = BnnModel.load(file).withThreads(1)) {
            Profile p = model.profile(m.input(in), 5);
            assertEquals(List.of("conv", "flatten", "dense"), p.ops().stream().map(Profile.Op::name).toList());
            assertEquals(32L * 8 * 8 * 16 * 3 * 3, p.ops().get(0).macs()); // every output: 16 channels x 9 taps
            assertEquals(0L, p.ops().get(1).macs());
            assertEquals(32L * 8 * 8 * 10, p.ops().get(2).macs());
            assertArrayEquals(new int[]{32, 8, 8}, p.ops().get(0).shape());
            assertEquals("CONV2D", p.ops().get(0).kind());
            assertTrue(p.ops().stream().allMatch(op -> op.millis() >= 0));
            assertEquals(p.ops().stream().mapToDouble(Profile.Op::millis).sum(), p.totalMillis(), 1e-9);
            assertTrue(p.ops().contains(p.slowest()));
            assertEquals(5, p.repetitions());
            String table = p.toString();
            assertTrue(table.contains("conv") && table.contains("dense") && table.contains("total"), table);
            assertThrows(IllegalArgumentException.class, () -> model.profile(m.input(in), 0));
            assertThrows(IllegalArgumentException.class, () -> model.profile(new float[3], 1));
        }
    }
}
