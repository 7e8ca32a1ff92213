package org.bnn4j.tests;

import org.bnn4j.examples.ablation.StudentT;
import org.bnn4j.examples.ablation.Summary;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ablation's statistics against values computed by hand or taken from t tables (R's {@code qt}), not from the
 * code under test.
 */
class AblationStatisticsTest {

    @Test
    void tQuantilesMatchTheTables() {
        assertEquals(12.706, StudentT.quantile(0.975, 1), 5e-4);
        assertEquals(4.303, StudentT.quantile(0.975, 2), 5e-4);
        assertEquals(2.776, StudentT.quantile(0.975, 4), 5e-4);
        assertEquals(2.042, StudentT.quantile(0.975, 30), 5e-4);
        // more digits (R: qt(0.975, 1), qt(0.975, 2), qt(0.975, 4), qt(0.975, 30), qt(0.995, 10))
        assertEquals(12.7062047361747, StudentT.quantile(0.975, 1), 1e-9);
        assertEquals(4.30265272974946, StudentT.quantile(0.975, 2), 1e-9);
        assertEquals(2.77644510519779, StudentT.quantile(0.975, 4), 1e-9);
        assertEquals(2.04227245630124, StudentT.quantile(0.975, 30), 1e-9);
        assertEquals(3.16927267261695, StudentT.quantile(0.995, 10), 1e-9);
        assertEquals(-4.30265272974946, StudentT.quantile(0.025, 2), 1e-9, "symmetric");
        assertEquals(0, StudentT.quantile(0.5, 7), 1e-12);
    }

    @Test
    void cdfMatchesTheClosedFormsForOneAndTwoDegreesOfFreedom() {
        for (double t : new double[]{-30, -2.5, -1, -0.1, 0, 0.3, 1, 4.303, 12.706, 100}) {
            // df 1 is the Cauchy distribution; df 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2))
            assertEquals(0.5 + Math.atan(t) / Math.PI, StudentT.cdf(t, 1), 1e-13, "df 1, t " + t);
            assertEquals(0.5 + t / (2 * Math.sqrt(2 + t * t)), StudentT.cdf(t, 2), 1e-13, "df 2, t " + t);
        }
    }

    @Test
    void meanSdAndIntervalOfThreeSeeds() {
        // 90, 92, 94: mean 92, squares 4 + 0 + 4 = 8, sd sqrt(8 / 2) = 2,
        // half width 4.30265273 * 2 / sqrt(3) = 4.96827542
        Summary s = Summary.of(new double[]{94, 90, 92});
        assertEquals(3, s.n());
        assertEquals(92, s.mean(), 1e-12);
        assertEquals(2, s.sd(), 1e-12);
        assertEquals(92 - 4.96827542, s.ciLow(), 1e-7);
        assertEquals(92 + 4.96827542, s.ciHigh(), 1e-7);
        assertTrue(s.hasInterval());
    }

    @Test
    void meanSdAndIntervalOfTwoSeeds() {
        // 97.0, 97.5: mean 97.25, sd sqrt(2 * 0.25^2 / 1) = 0.35355339, half 12.70620474 * 0.35355339 / sqrt(2) = 3.17655118
        Summary s = Summary.of(new double[]{97.0, 97.5});
        assertEquals(97.25, s.mean(), 1e-12);
        assertEquals(0.35355339, s.sd(), 1e-8);
        assertEquals(97.25 - 3.17655118, s.ciLow(), 1e-7);
        assertEquals(97.25 + 3.17655118, s.ciHigh(), 1e-7);
    }

    @Test
    void oneSeedHasNoSpreadAndNoInterval() {
        Summary s = Summary.of(new double[]{96.5});
        assertEquals(96.5, s.mean());
        assertFalse(s.hasInterval());
        assertTrue(Double.isNaN(s.sd()) && Double.isNaN(s.ciLow()) && Double.isNaN(s.ciHigh()));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[0]));
    }
}
