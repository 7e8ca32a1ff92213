package org.bnn4j.runtime.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The byte-table and bit-walk ways of {@link RealPlaneSums} against a direct sum, on inputs whose float32 sums are
 * exact (multiples of 1/8), so all three must agree exactly: channel counts off multiples of 8 and 64, one tap and
 * many, one output channel and many.
 */
class RealPlaneSumsTest {

    @Test
    void byteTableAndBitWalkEqualTheDirectSum() {
        Random r = new Random(3);
        for (int channels : new int[]{1, 3, 7, 8, 9, 63, 64, 65, 100, 784}) {
            for (int taps : new int[]{1, 2, 9}) {
                int wordsPerTap = (channels + 63) / 64;
                float[] x = new float[taps * channels];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (r.nextInt(33) - 16) / 8f;
                }
                int nOut = 5;
                long[] plane = new long[nOut * taps * wordsPerTap];
                for (int row = 0; row < nOut * taps; row++) {
                    for (int c = 0; c < channels; c++) {
                        if (r.nextBoolean()) {
                            plane[row * wordsPerTap + c / 64] |= 1L << (c % 64);
                        }
                    }
                }
                for (boolean table : new boolean[]{false, true}) {
                    RealPlaneSums sums = new RealPlaneSums(taps, channels, wordsPerTap, table);
                    assertEquals(table, sums.usesByteTable());
                    Accumulators scratch = new Accumulators(1, nOut, false);
                    float[] prepared = sums.prepare(x, scratch);
                    for (int o = 0; o < nOut; o++) {
                        float expected = 0f;
                        for (int t = 0; t < taps; t++) {
                            for (int c = 0; c < channels; c++) {
                                long word = plane[(o * taps + t) * wordsPerTap + c / 64];
                                if ((word >>> (c % 64) & 1L) != 0) {
                                    expected += x[t * channels + c];
                                }
                            }
                        }
                        assertEquals(expected, sums.sum(x, prepared, plane, o * taps * wordsPerTap), 0f,
                                "channels " + channels + ", taps " + taps + ", table " + table + ", output " + o);
                    }
                }
            }
        }
    }

    @Test
    void theTableIsChosenForWideLayersOnly() {
        assertFalse(RealPlaneSums.forChannels(RealPlaneSums.TABLE_FROM_CHANNELS - 1, 1, 784, 13).usesByteTable());
        assertTrue(RealPlaneSums.forChannels(RealPlaneSums.TABLE_FROM_CHANNELS, 1, 784, 13).usesByteTable());
    }
}
