package org.bnn4j.runtime.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Vector API float kernel gives the plain loops' sums bit for bit (multiply, round, add, round, in k order), on
 * every vector edge, and runs exactly where the vector bit kernel does.
 */
class VectorFloatDotsTest {

    @Test
    void sameBitsAsOneSumAtATime() {
        // the vector class is in a versioned directory, not on this source set's compile path: reach it as KernelChoice does
        assumeTrue(KernelChoice.vectorIfAvailable().isVector(), "no wide vectors on this JVM");
        FloatDots vector = vectorDots();
        Random r = new Random(53);
        for (int trial = 0; trial < 3000; trial++) {
            int nOut = 1 + r.nextInt(80);
            int rowLength = 1 + r.nextInt(160);
            float[] w = new float[nOut * rowLength];
            float[] x = new float[rowLength];
            for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
            for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
            int oFrom = r.nextInt(nOut);
            int oTo = oFrom + 1 + r.nextInt(nOut - oFrom);
            float[] got = new float[nOut];
            float[] plain = new float[nOut];
            vector.dots(w, nOut, x, rowLength, oFrom, oTo, got);
            ScalarFloatDots.INSTANCE.dots(w, nOut, x, rowLength, oFrom, oTo, plain);
            for (int o = 0; o < nOut; o++) {
                float expected = 0f;
                if (o >= oFrom && o < oTo) {
                    for (int k = 0; k < rowLength; k++) {
                        expected += w[k * nOut + o] * x[k];
                    }
                }
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(plain[o]), "plain, trial " + trial);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(got[o]),
                        "vector, trial " + trial + ", o " + o + " of " + oFrom + ".." + oTo);
            }
        }
    }

    @Test
    void chosenWhereTheVectorBitKernelIs() {
        FloatDots chosen = BitGemm.choice().floatDots();
        if (BitGemm.choice().isVector()) {
            assertEquals(KernelChoice.VECTOR_FLOAT_CLASS, chosen.getClass().getName());
        } else {
            assertSame(ScalarFloatDots.INSTANCE, chosen);
        }
        assertSame(ScalarFloatDots.INSTANCE, KernelChoice.plain("test").floatDots(), "the plain choice keeps plain floats");
    }

    private static FloatDots vectorDots() {
        try {
            return (FloatDots) Class.forName(KernelChoice.VECTOR_FLOAT_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
