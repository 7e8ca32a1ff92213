package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.AddSpec;
import org.bnn4j.runtime.format.AffineSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.OpSpec;
import org.bnn4j.runtime.format.ReshapeSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values are freed after their last reader, and the plan's peak memory counts only what is alive at once. */
class MemoryPlanTest {
    private static final ValueShape IMAGE = ValueShape.image(2, 32, 32); // 2048 floats, 8 KiB
    private static final long FLOATS = 4L * 2048;

    private static AffineSpec affine(String name, int input) {
        return new AffineSpec(name, input, new float[]{1f, 2f}, new float[]{0f, 1f});
    }

    /** A chain holds two values at a time, however long it is; each is freed right after the op that reads it. */
    @Test
    void aChainFreesEachValueAfterItsReader() throws Exception {
        ExecutionPlan plan = ExecutionPlan.of(new ModelSpec("t", IMAGE,
                List.of(affine("a", 0), affine("b", 1), affine("c", 2), affine("d", 3))));
        assertEquals(2 * FLOATS, plan.bytesPerExample());
        int[][] free = plan.freeAfter();
        for (int step = 0; step < 4; step++) {
            assertArrayEquals(new int[]{Slots.floats(step)}, free[step], "step " + step);
        }
    }

    /** A residual input stays alive until the add; the output is never freed. */
    @Test
    void aResidualLivesUntilItsLastReader() throws Exception {
        ExecutionPlan plan = ExecutionPlan.of(new ModelSpec("t", IMAGE,
                List.of(affine("a", 0), affine("b", 1), new AddSpec("sum", new int[]{0, 2}))));
        assertEquals(3 * FLOATS, plan.bytesPerExample(), "three at a time: input, a, b; then input, b, sum");
        int[][] free = plan.freeAfter();
        assertArrayEquals(new int[]{Slots.floats(1)}, free[1]);
        assertArrayEquals(new int[]{Slots.floats(0), Slots.floats(2)}, free[2]);
    }

    /** A reshape and the sign of a ±1 value share their input's array: no bytes of their own. */
    @Test
    void sharedArraysCountOnce() throws Exception {
        List<OpSpec> ops = List.of(new ActivationSpec("sign", 0, ActivationKind.SIGN, 0, 0),
                new ActivationSpec("sign again", 1, ActivationKind.SIGN, 0, 0),
                new ReshapeSpec("flat", 0, ValueShape.vector(2048)));
        ExecutionPlan plan = ExecutionPlan.of(new ModelSpec("t", IMAGE, ops));
        long bits = 8L * 32 * 32; // one word per pixel
        assertEquals(FLOATS + bits, plan.bytesPerExample(), "the input's floats and one array of bits");
    }

    /** Freeing does not change results: every value is still there for its readers. */
    @Test
    void runningWithFreedValuesGivesWhatTracingGives() throws Exception {
        ExecutionPlan plan = ExecutionPlan.of(new ModelSpec("t", IMAGE,
                List.of(affine("a", 0), affine("b", 1), new AddSpec("sum", new int[]{0, 2, 1}))));
        float[] x = new float[2048];
        for (int i = 0; i < x.length; i++) x[i] = (i % 7) - 3;
        List<float[]> traced = plan.trace(x);
        assertArrayEquals(traced.get(traced.size() - 1), plan.run(x));
    }
}
