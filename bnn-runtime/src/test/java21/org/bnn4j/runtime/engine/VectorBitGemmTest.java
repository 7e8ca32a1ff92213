package org.bnn4j.runtime.engine;

import jdk.incubator.vector.LongVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Vector API kernel gives exactly the plain loop's counts, and is the one chosen where it should be. Compiled and
 * run only in JDK 21+ builds (profile {@code vector-api} of bnn-runtime), with {@code jdk.incubator.vector} added.
 */
class VectorBitGemmTest {
    /** VectorBitGemm.MIN_VECTOR_BITS (that class is not on this source set's compile path: it is a versioned one). */
    private static final int MIN_VECTOR_BITS = 256;
    private static final boolean WIDE_ENOUGH = LongVector.SPECIES_PREFERRED.vectorBitSize() >= MIN_VECTOR_BITS;

    @Test
    void chosenWhereTheJvmHasWideVectors() {
        KernelChoice available = KernelChoice.vectorIfAvailable();
        if (WIDE_ENOUGH) {
            assertTrue(available.isVector(), available.implementation());
            assertEquals("vector (" + LongVector.SPECIES_PREFERRED.vectorBitSize() + "-bit LongVector)",
                    available.implementation());
        } else {
            assertFalse(available.isVector());
            assertTrue(available.implementation().contains("fewer than 256"), available.implementation());
        }
        boolean switchedOff = "false".equalsIgnoreCase(System.getProperty(KernelChoice.SWITCH_PROPERTY));
        assertEquals(switchedOff ? KernelChoice.forThisJvm().implementation() : available.implementation(),
                BitGemm.implementation());
    }

    @Test
    void equalsThePlainLoopOnEveryTilingEdge() {
        BitGemmCheck.everyTilingEdge(BitGemmCheck.on(vectorKernel()), 11);
        BitGemmCheck.everyCacheBlockEdge(BitGemmCheck.on(vectorKernel()), 12);
    }

    /** Short rows counted across channels: every word count, 4-row tiles and leftovers, unaligned channel ranges. */
    @Test
    void interleavedShortRowsEqualThePlainLoop() {
        BitGemmKernel vector = vectorKernel();
        assertTrue(vector.interleavedLanes(3) > 0, "a 3x3x16 patch is a short row");
        assertEquals(0, vector.interleavedLanes(64), "a 4096-input dense row is not");
        BitGemmCheck.everyTilingEdge(BitGemmCheck.prepared(vector), 21);
        BitGemmCheck.everyCacheBlockEdge(BitGemmCheck.prepared(vector), 22);
        BitGemmCheck.randomShapes(BitGemmCheck.prepared(vector), 23, 20, 70);
    }

    /** Every word count 1..70 (no whole vector, whole vectors, whole vectors plus a scalar tail), 1..9 rows (pairs
     *  and a leftover row), channel ranges that start and end anywhere in a 4-row tile. */
    @Test
    void equalsThePlainLoopOnRandomShapes() {
        BitGemmCheck.randomShapes(BitGemmCheck.on(vectorKernel()), 13, 70, 40);
    }

    /** The vector threshold comparison (loaded where the vector kernel is) follows the rule on every range. */
    @Test
    void vectorThresholdComparisonFollowsTheRule() {
        KernelChoice choice = KernelChoice.vectorIfAvailable();
        assumeTrue(choice.isVector(), choice.implementation());
        ThresholdBits bits = choice.thresholdBits();
        assertEquals("VectorThresholdBits", bits.getClass().getSimpleName());
        ThresholdBitsCheck.everyRange(bits, 31);
        ThresholdBitsCheck.everyFloatRange(bits, 32);
    }

    private static BitGemmKernel vectorKernel() {
        KernelChoice choice = KernelChoice.vectorIfAvailable();
        assumeTrue(choice.isVector(), choice.implementation());
        return choice.kernel();
    }
}
