package org.bnn4j.runtime.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How the binary GEMM kernel is chosen where the vector one cannot or must not run (JDK 21+: VectorBitGemmTest). */
class KernelChoiceTest {

    @Test
    void switchPropertyKeepsThePlainKernel() {
        String chosenAtStartup = BitGemm.implementation(); // BitGemm decides now, not while the property is changed
        String before = System.getProperty(KernelChoice.SWITCH_PROPERTY);
        System.setProperty(KernelChoice.SWITCH_PROPERTY, "false");
        try {
            KernelChoice choice = KernelChoice.forThisJvm();
            assertFalse(choice.isVector());
            assertSame(ScalarBitGemm.INSTANCE, choice.kernel());
            assertTrue(choice.implementation().startsWith("plain (")
                    && choice.implementation().contains("-Dbnn4j.vector=false"), choice.implementation());
        } finally {
            if (before == null) {
                System.clearProperty(KernelChoice.SWITCH_PROPERTY);
            } else {
                System.setProperty(KernelChoice.SWITCH_PROPERTY, before);
            }
        }
        assertEquals(chosenAtStartup, BitGemm.implementation());
    }

    /** The default build and run (Java 17): the plain kernel, quietly, and the report says why. */
    @Test
    void bnnModelReportsTheKernelBitGemmRuns() {
        assertEquals(BitGemm.implementation(), org.bnn4j.runtime.BnnModel.kernel());
        assertTrue(BitGemm.implementation().startsWith("plain (") || BitGemm.implementation().startsWith("vector ("),
                BitGemm.implementation());
    }

    @Test
    void onJava17ThePlainKernelRuns() {
        assumeTrue(Runtime.version().feature() < 21, "a Java 21+ run: VectorBitGemmTest covers it");
        KernelChoice choice = KernelChoice.vectorIfAvailable();
        assertFalse(choice.isVector());
        assertEquals("plain (the vector kernel needs Java 21+)", choice.implementation());
        assertEquals(choice.implementation(), BitGemm.implementation());
    }

    /**
     * JDK 21+ builds (bnn-runtime's {@code vector-api} profile sets {@code bnn4j.test.vectorBuild}) run every test in
     * this suite on the vector kernel, wherever the JVM's vectors are wide enough for it and it is not switched off.
     */
    @Test
    void vectorBuildsRunTheWholeSuiteOnTheVectorKernel() {
        assumeTrue(Boolean.getBoolean("bnn4j.test.vectorBuild"), "a Java 17 build");
        String implementation = BitGemm.implementation();
        assertTrue(implementation.startsWith("vector (") || implementation.contains("fewer than 256")
                || implementation.contains("-Dbnn4j.vector=false"), implementation);
    }
}
