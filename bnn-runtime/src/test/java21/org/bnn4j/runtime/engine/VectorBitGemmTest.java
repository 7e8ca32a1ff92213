package org.bnn4j.runtime.engine;

import jdk.incubator.vector.LongVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

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

    /** Every word count 1..70 (no whole vector, whole vectors, whole vectors plus a scalar tail), 1..9 rows (pairs
     *  and a leftover row), channel ranges that start and end anywhere in a 4-row tile. */
    @Test
    void equalsThePlainLoopOnRandomShapes() {
        BitGemmCheck.Product vector = BitGemmCheck.on(vectorKernel());
        Random r = new Random(13);
        for (int words = 1; words <= 70; words++) {
            for (int rows = 1; rows <= 9; rows++) {
                int nOut = 1 + r.nextInt(40);
                int oFrom = r.nextInt(nOut);
                int oTo = oFrom + 1 + r.nextInt(nOut - oFrom);
                BitGemmCheck.check(vector, r, words, rows, nOut, oFrom, oTo);
            }
        }
    }

    private static BitGemmKernel vectorKernel() {
        KernelChoice choice = KernelChoice.vectorIfAvailable();
        assumeTrue(choice.isVector(), choice.implementation());
        return choice.kernel();
    }
}
