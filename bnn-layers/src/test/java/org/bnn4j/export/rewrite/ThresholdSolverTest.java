package org.bnn4j.export.rewrite;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.BatchNormNode;
import org.bnn4j.export.graph.ChannelTransform;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thresholds against an independent oracle: BatchNorm's output evaluated with a 100-digit square root, for every
 * accumulator value, including exact ties (a BatchNorm output of exactly 0, which sign maps to +1).
 */
class ThresholdSolverTest {
    private static final MathContext DIGITS = new MathContext(100);

    /** One channel: y = gamma * (alpha * acc + bias - mean) / sqrt(variance + eps) + beta. */
    private static ChannelTransform channel(double alpha, double bias, double gamma, double beta, double mean,
                                            double variance, double eps) {
        return ChannelTransform.linear(new double[]{alpha}, new double[]{bias})
                .withBatchNorm(new BatchNormNode(new double[]{gamma}, new double[]{beta}, new double[]{mean},
                        new double[]{variance}, eps));
    }

    /** The oracle: sign(y) >= 0 with y computed to 100 digits. */
    private static boolean oraclePlusOne(ChannelTransform t, BigDecimal acc) {
        BigDecimal sigma = new BigDecimal(t.variance()[0]).add(new BigDecimal(t.epsilon())).sqrt(DIGITS);
        BigDecimal z = new BigDecimal(t.alpha()[0]).multiply(acc).add(new BigDecimal(t.bias()[0])).subtract(new BigDecimal(t.mean()[0]));
        BigDecimal y = new BigDecimal(t.gamma()[0]).multiply(z).divide(sigma, DIGITS).add(new BigDecimal(t.beta()[0]));
        return y.signum() >= 0;
    }

    private static void assertIntegerThresholdMatchesOracle(ChannelTransform t, int k) {
        ThresholdSolver.IntThreshold th = ThresholdSolver.integer(t, 0, k);
        for (int acc = -k; acc <= k; acc++) {
            boolean runtime = th.flip() ? acc <= th.threshold() : acc >= th.threshold();
            assertEquals(oraclePlusOne(t, BigDecimal.valueOf(acc)), runtime, "acc " + acc + ", " + th);
        }
    }

    @Test
    void exactTieGivesPlusOneForBothSignsOfGamma() {
        // y = (acc - 3) / 1 = 0 at acc = 3: sign(0) = +1
        ThresholdSolver.IntThreshold up = ThresholdSolver.integer(channel(1, 0, 1, 0, 3, 1, 0), 0, 10);
        assertEquals(new ThresholdSolver.IntThreshold(3, false), up);
        ThresholdSolver.IntThreshold down = ThresholdSolver.integer(channel(1, 0, -1, 0, 3, 1, 0), 0, 10);
        assertEquals(new ThresholdSolver.IntThreshold(3, true), down);
        // with beta: y = 0.5 * (acc - 1) / 2 + 0.25 = 0 at acc = 0
        assertEquals(new ThresholdSolver.IntThreshold(0, false), ThresholdSolver.integer(channel(1, 0, 0.5, 0.25, 1, 4, 0), 0, 10));
        // just above and below the tie
        assertEquals(4, ThresholdSolver.integer(channel(1, 0, 1, 0, Math.nextUp(3.0), 1, 0), 0, 10).threshold());
        assertEquals(3, ThresholdSolver.integer(channel(1, 0, 1, 0, Math.nextDown(3.0), 1, 0), 0, 10).threshold());
    }

    /** beta * sqrt(2) is irrational: the root lies within 1e-15 of an integer and must still land right. */
    @Test
    void irrationalSigmaNearIntegerRootsAreDecidedExactly() {
        double beta = -3 / Math.sqrt(2);   // beta * sqrt(2) = -3 within one rounding
        ChannelTransform t = channel(1, 0, 1, beta, 0, 2, 0);
        assertIntegerThresholdMatchesOracle(t, 8);
        assertIntegerThresholdMatchesOracle(channel(1, 0, 1, Math.nextUp(beta), 0, 2, 0), 8);
        assertIntegerThresholdMatchesOracle(channel(1, 0, 1, Math.nextDown(beta), 0, 2, 0), 8);
        assertIntegerThresholdMatchesOracle(channel(1, 0, -1, beta, 0, 2, 0), 8);
    }

    @Test
    void zeroGammaOrZeroScaleGivesAConstantChannel() {
        assertEquals(new ThresholdSolver.IntThreshold(-11, false), ThresholdSolver.integer(channel(1, 0, 0, 0, 3, 1, 0), 0, 10));
        assertEquals(new ThresholdSolver.IntThreshold(-11, false), ThresholdSolver.integer(channel(1, 0, 0, 0.5, 3, 1, 0), 0, 10));
        assertEquals(new ThresholdSolver.IntThreshold(11, false), ThresholdSolver.integer(channel(1, 0, 0, -0.5, 3, 1, 0), 0, 10));
        // alpha = 0 (an all-zero XNOR kernel): y = gamma * (bias - mean) / sigma + beta
        assertEquals(new ThresholdSolver.IntThreshold(11, false), ThresholdSolver.integer(channel(0, 1, 1, 0, 2, 1, 0), 0, 10));
        ThresholdSolver.FloatThreshold f = ThresholdSolver.real(channel(1, 0, 0, -0.5, 3, 1, 0), 0);
        assertEquals(Float.POSITIVE_INFINITY, f.threshold());
        assertEquals(Float.NEGATIVE_INFINITY, ThresholdSolver.real(channel(1, 0, 0, 0, 3, 1, 0), 0).threshold());
    }

    @Test
    void thresholdsOutsideTheAccumulatorRangeBecomeConstants() {
        assertEquals(new ThresholdSolver.IntThreshold(11, false), ThresholdSolver.integer(channel(1, 0, 1, 0, 1e30, 1, 0), 0, 10));
        assertEquals(new ThresholdSolver.IntThreshold(-11, false), ThresholdSolver.integer(channel(1, 0, 1, 0, -1e30, 1, 0), 0, 10));
        assertEquals(new ThresholdSolver.IntThreshold(-11, false), ThresholdSolver.integer(channel(1, 0, -1, 0, 1e30, 1, 0), 0, 10));
    }

    @Test
    void randomChannelsMatchTheOracleForEveryAccumulator() {
        Random r = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            double alpha = r.nextInt(4) == 0 ? 1 : r.nextDouble() * 0.2;
            float mean = (float) (r.nextGaussian() * 5);
            if (r.nextBoolean()) mean = Math.round(mean);  // integer means make exact ties
            ChannelTransform t = channel(alpha, (float) r.nextGaussian() * 0.1, (float) r.nextGaussian(),
                    r.nextBoolean() ? 0 : (float) r.nextGaussian(), mean, (float) (r.nextDouble() * 3), 1e-5);
            assertIntegerThresholdMatchesOracle(t, 20);
        }
    }

    /** Float thresholds: every float32 accumulator compares as with the exact root. */
    @Test
    void floatThresholdsAreRoundedTowardsTheRightSide() {
        Random r = new Random(2);
        for (int trial = 0; trial < 300; trial++) {
            ChannelTransform t = channel(r.nextDouble() * 0.1 + 0.01, (float) r.nextGaussian(), (float) r.nextGaussian(),
                    (float) r.nextGaussian(), (float) r.nextGaussian() * 4, (float) (r.nextDouble() * 3), 1e-3);
            ThresholdSolver.FloatThreshold th = ThresholdSolver.real(t, 0);
            float inside = th.threshold();
            float outside = th.flip() ? Math.nextUp(inside) : Math.nextDown(inside);
            assertTrue(oraclePlusOne(t, new BigDecimal(inside)), "the threshold itself gives +1: " + th);
            assertFalse(oraclePlusOne(t, new BigDecimal(outside)), "one float further gives -1: " + th);
        }
    }

    @Test
    void invalidParametersAreRejected() {
        BnnExportException e = assertThrows(BnnExportException.class,
                () -> ThresholdSolver.integer(channel(1, 0, Double.NaN, 0, 0, 1, 0), 0, 10));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        BnnExportException zero = assertThrows(BnnExportException.class,
                () -> ThresholdSolver.integer(channel(1, 0, 1, 0, 0, 0, 0), 0, 10));
        assertTrue(zero.getMessage().contains("variance + epsilon must be > 0"), zero.getMessage());
    }
}
