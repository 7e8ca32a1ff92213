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
                    RealPlaneSums sums = new RealPlaneSums(plane, nOut, taps, channels, wordsPerTap, table);
                    assertEquals(table, sums.usesByteTable());
                    Accumulators scratch = new Accumulators(1, nOut, false);
                    float[] out = new float[nOut];
                    sums.sums(x, 0, nOut, out, scratch);
                    float[] part = new float[nOut];
                    sums.sums(x, 1, nOut - 1, part, scratch); // a channel range, as threads split it
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
                        assertEquals(expected, out[o], 0f,
                                "channels " + channels + ", taps " + taps + ", table " + table + ", output " + o);
                        assertEquals(o == 0 || o == nOut - 1 ? 0f : expected, part[o], 0f, "channel range, output " + o);
                    }
                }
            }
        }
    }

    @Test
    void theTableIsChosenForWideLayersOnly() {
        int narrow = RealPlaneSums.TABLE_FROM_CHANNELS - 1;
        int wide = RealPlaneSums.TABLE_FROM_CHANNELS;
        assertFalse(RealPlaneSums.of(new long[narrow * 13], narrow, 1, 784, 13).usesByteTable());
        assertTrue(RealPlaneSums.of(new long[wide * 13], wide, 1, 784, 13).usesByteTable());
    }
}
