package org.bnn4j.spark;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The vote against hand-counted majorities; the mean is formed as parameter averaging forms it (sum, then / N). */
class SignVoteTest {

    private static float[] vote(float[] previous, float[]... workers) {
        INDArray sum = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, previous.length);
        for (float[] w : workers) {
            sum.addi(Nd4j.createFromArray(w));
        }
        INDArray mean = sum.divi(workers.length);
        return SignVote.combine(Nd4j.createFromArray(previous), mean).toFloatVector();
    }

    @Test
    void fourWorkersMajoritiesAndTies() {
        float[] previous = {+1, +1, -1, -1, +1, -1, +1, -1};
        float[] a =        {+1, -1, -1, +1, -1, +1, -1, -1};
        float[] b =        {+1, -1, +1, +1, -1, +1, +1, -1};
        float[] c =        {-1, -1, +1, -1, +1, -1, -1, -1};
        float[] d =        {+1, +1, -1, -1, +1, -1, -1, -1};
        // per column, +1 votes of 4: 3, 1, 2, 2, 2, 2, 1, 0
        //   3 -> +1; 1 -> -1; 2 = tie -> previous; 0 -> -1
        float[] expected = {+1, -1, -1, -1, +1, -1, -1, -1};
        assertArrayEquals(expected, vote(previous, a, b, c, d));
    }

    @Test
    void threeWorkersNeverTie() {
        float[] previous = {+1, -1, +1, -1};
        float[] a =        {-1, +1, +1, -1};
        float[] b =        {-1, +1, -1, -1};
        float[] c =        {+1, -1, -1, +1};
        // +1 votes of 3: 1, 2, 1, 1
        float[] expected = {-1, +1, -1, -1};
        assertArrayEquals(expected, vote(previous, a, b, c));
    }

    @Test
    void twoWorkersFlipOnlyWhenBothAgree() {
        float[] previous = {+1, +1, -1, -1};
        float[] a =        {-1, -1, +1, -1};
        float[] b =        {-1, +1, -1, +1};
        // both flipped column 0: flip; one flipped (columns 1, 2, 3): tie, keep
        float[] expected = {-1, +1, -1, -1};
        assertArrayEquals(expected, vote(previous, a, b));
    }

    @Test
    void oneWorkerIsPlainBop() {
        float[] previous = {+1, -1, +1};
        float[] a = {-1, -1, +1};
        assertArrayEquals(a, vote(previous, a));
    }

    @Test
    void shapesMustMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignVote.combine(Nd4j.ones(3), Nd4j.ones(4)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("differ in shape"), e.getMessage());
    }
}
