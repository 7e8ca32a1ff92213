package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.BitPacking;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link BitLayout#copyBits}, a group's channels out of a pixel's words, against copying bit by bit. */
class BitLayoutTest {

    @Test
    void copyBitsMovesAnyRangeToBitZeroWithZeroPadBits() {
        Random r = new Random(41);
        for (int trial = 0; trial < 5000; trial++) {
            int rowBits = 1 + r.nextInt(300);
            int offset = r.nextInt(3);
            long[] src = new long[offset + BitPacking.words(rowBits) + 1];
            for (int i = 0; i < src.length; i++) src[i] = r.nextLong(); // bits past the row too: must not leak in
            int from = r.nextInt(rowBits);
            int count = 1 + r.nextInt(rowBits - from);
            long[] dst = new long[1 + BitPacking.words(count) + 1];
            java.util.Arrays.fill(dst, 0x5555_5555_5555_5555L);
            BitLayout.copyBits(src, offset, from, count, dst, 1);
            for (int b = 0; b < 64 * BitPacking.words(count); b++) {
                boolean expected = b < count && BitPacking.getBit(src, offset, from + b);
                assertEquals(expected, BitPacking.getBit(dst, 1, b), "trial " + trial + ", from " + from + ", count "
                        + count + ", bit " + b);
            }
            assertEquals(0x5555_5555_5555_5555L, dst[0], "word before the destination");
            assertEquals(0x5555_5555_5555_5555L, dst[dst.length - 1], "word after the destination");
        }
    }
}
