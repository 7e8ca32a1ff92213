package org.bnn4j.nn.updaters;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.Collections;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bop (Helwegen et al. 2019) on hand-made numbers, run as DL4J's updater block runs it: the updater on the
 * gradient, then the flip step on (weights, update), then {@code w -= update}. All values are binary
 * fractions, so every comparison with tau is exact.
 */
class BopTest {
    private static final double GAMMA = 0.5, TAU = 0.25;

    /** One Bop step on w in place; returns the update DL4J would subtract. */
    private static INDArray step(GradientUpdater<?> updater, Regularization flip, INDArray w, double[] gradient, int iteration) {
        INDArray update = Nd4j.createFromArray(gradient);
        updater.applyUpdater(update, iteration, 0);
        flip.apply(w, update, Double.NaN, iteration, 0);
        w.subi(update);
        return update;
    }

    @Test
    void flipsExactlyTheWeightsWhoseMovingAverageCrossedTheThreshold() {
        Bop bop = new Bop(GAMMA, TAU);
        INDArray state = Nd4j.create(DataType.DOUBLE, 8);
        GradientUpdater<?> updater = bop.instantiate(state, true);
        Regularization flip = bop.flipStep();
        assertEquals(Nd4j.zeros(DataType.DOUBLE, 8), state, "m starts at 0");
        state.assign(Nd4j.createFromArray(0.25, 0.0, -0.5, 0.5, -0.25, 0.25, 0.5, 0.0));   // a history
        INDArray w = Nd4j.createFromArray(1.0, 1.0, -1.0, -1.0, -1.0, 1.0, 1.0, -1.0);

        INDArray update = step(updater, flip, w, new double[]{0.5, 0.75, -0.25, 0.25, -0.25, 0.25, -0.5, -0.25}, 0);
        // m = m/2 + g/2:
        assertEquals(Nd4j.createFromArray(0.375, 0.375, -0.375, 0.375, -0.25, 0.25, 0.0, -0.125), state);
        //  0: |m| > tau, agrees with +1      -> flip        1: crossed tau from 0 in one step -> flip
        //  2: agrees with -1                 -> flip        3: pushes -1 further down          -> keep
        //  4, 5: |m| = tau, not above        -> keep        6: fell back below tau             -> keep
        //  7: below tau                      -> keep
        assertEquals(Nd4j.createFromArray(2.0, 2.0, -2.0, 0.0, 0.0, 0.0, 0.0, 0.0), update, "update = 2w where flipped");
        assertEquals(Nd4j.createFromArray(-1.0, -1.0, 1.0, -1.0, -1.0, 1.0, 1.0, -1.0), w);

        step(updater, flip, w, new double[]{0.25, 0.25, -0.25, 0.0, -0.5, 0.0, 0.0, -0.5}, 1);
        assertEquals(Nd4j.createFromArray(0.3125, 0.3125, -0.3125, 0.1875, -0.375, 0.125, 0.0, -0.3125), state);
        // 0-2 keep pushing the way they already flipped: no flip back. 4 and 7 now cross tau and agree: flip.
        assertEquals(Nd4j.createFromArray(-1.0, -1.0, 1.0, -1.0, 1.0, 1.0, 1.0, 1.0), w);
    }

    @Test
    void movingAverageIsUpdaterStateThatCanBeSavedAndRestored() {
        Bop bop = new Bop(GAMMA, TAU);
        INDArray state = Nd4j.create(DataType.DOUBLE, 4);
        GradientUpdater<?> original = bop.instantiate(state, true);
        original.applyUpdater(Nd4j.createFromArray(0.5, -1.0, 0.0, 2.0), 0, 0);
        assertEquals(4, bop.stateSize(4));
        assertEquals(Collections.singleton(BopUpdater.MOVING_AVERAGE), original.getState().keySet());
        assertEquals(Nd4j.createFromArray(0.25, -0.5, 0.0, 1.0), original.getState().get("m"));

        // A restored network hands the saved array back without initialising it (DL4J's restore path) ...
        GradientUpdater<?> restored = bop.instantiate(state.dup(), false);
        // ... or the state map.
        GradientUpdater<?> fromMap = bop.instantiate(Map.of("m", state.dup()), false);
        INDArray g = Nd4j.createFromArray(1.0, 1.0, 1.0, 1.0);
        INDArray a = g.dup(), b = g.dup(), c = g.dup();
        original.applyUpdater(a, 1, 0);
        restored.applyUpdater(b, 1, 0);
        fromMap.applyUpdater(c, 1, 0);
        assertEquals(Nd4j.createFromArray(0.625, 0.25, 0.5, 1.0), a);
        assertEquals(a, b);
        assertEquals(a, c);
        assertThrows(IllegalStateException.class, () -> bop.instantiate(Map.of("v", state), false));
    }

    @Test
    void gammaScheduleSetsTheAdaptivityRatePerIteration() {
        Bop bop = new Bop(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.5, 1, 0.25)), TAU);
        INDArray state = Nd4j.create(DataType.DOUBLE, 1);
        GradientUpdater<?> updater = bop.instantiate(state, true);
        updater.applyUpdater(Nd4j.createFromArray(1.0), 0, 0);   // m = 0.5
        updater.applyUpdater(Nd4j.createFromArray(1.0), 1, 0);   // m = 0.75 * 0.5 + 0.25
        assertEquals(0.625, state.getDouble(0));
        assertEquals(0.25, bop.gammaAt(1, 0));
    }

    @Test
    void configurationIsAValueWithPaperDefaults() {
        Bop bop = new Bop();
        assertEquals(1e-4, bop.getGamma());
        assertEquals(1e-8, bop.getTau());
        assertEquals(bop, bop.clone());
        assertEquals(new Bop(1e-3, 1e-6), new Bop(1e-3, 1e-6));
        assertEquals(new Bop(1e-3, 1e-6).hashCode(), new Bop(1e-3, 1e-6).hashCode());
        assertNotEquals(new Bop(1e-3, 1e-6), new Bop(1e-3, 1e-7));
        assertFalse(bop.hasLearningRate());
        assertTrue(Double.isNaN(bop.getLearningRate(0, 0)));
        assertThrows(UnsupportedOperationException.class, () -> bop.setLrAndSchedule(0.1, null));
        assertEquals(Regularization.ApplyStep.POST_UPDATER, bop.flipStep().applyStep());
        assertEquals(0.0, bop.flipStep().score(Nd4j.ones(3), 0, 0), "the flip adds nothing to the score");
        for (double gamma : new double[]{0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bop(gamma, 1e-8));
            assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bop(1e-4, -1));
        assertTrue(e.getMessage().contains("tau"), e.getMessage());
    }
}
