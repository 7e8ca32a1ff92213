package org.bnn4j.nn.constraints;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;

import static org.junit.jupiter.api.Assertions.*;

class WeightClipConstraintTest {

    @Test
    void clipsInPlaceIntoTheRange() {
        INDArray w = Nd4j.createFromArray(-3.0, -1.0, -0.2, 0.0, 0.7, 1.0, 2.5);
        new WeightClipConstraint().apply(w);
        assertEquals(Nd4j.createFromArray(-1.0, -1.0, -0.2, 0.0, 0.7, 1.0, 1.0), w);
        INDArray v = Nd4j.createFromArray(-3.0, 0.1, 0.4);
        new WeightClipConstraint(-0.5, 0.25).apply(v);
        assertEquals(Nd4j.createFromArray(-0.5, 0.1, 0.25), v);
    }

    @Test
    void cloneKeepsRangeAndParameters() {
        WeightClipConstraint c = new WeightClipConstraint(-0.3, 0.6);
        c.setParams(Collections.singleton("W"));
        WeightClipConstraint copy = c.clone();
        assertEquals(c, copy);
        assertEquals(Collections.singleton("W"), copy.getParams());
        assertNotSame(c.getParams(), copy.getParams());
        assertNotEquals(c, new WeightClipConstraint(-0.3, 0.7));
    }

    @Test
    void emptyRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WeightClipConstraint(1, 1));
        assertTrue(e.getMessage().contains("min must be < max"));
    }
}
