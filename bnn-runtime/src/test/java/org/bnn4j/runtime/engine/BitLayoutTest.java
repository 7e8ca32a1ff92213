package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.BitPacking;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link BitLayout#copyBits}, a group's channels out of a pixel's words, and {@link BitLayout#compactRows}, taps packed
 * bit after bit, against moving bits one at a time.
 */
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

    @Test
    void compactRowsPutTapTBitCAtBitTTimesCPlusC() {
        Random r = new Random(43);
        for (int trial = 0; trial < 2000; trial++) {
            int channels = 1 + r.nextInt(63);
            int taps = 2 + r.nextInt(30);
            int rows = 1 + r.nextInt(4);
            long[] sparse = new long[rows * taps];
            for (int i = 0; i < sparse.length; i++) sparse[i] = r.nextLong() & BitPacking.lastWordMask(channels);
            long[] compact = BitLayout.compactRows(sparse, rows, taps, channels);
            int words = BitLayout.compactWords(taps, channels);
            assertEquals(rows * words, compact.length);
            for (int row = 0; row < rows; row++) {
                for (int b = 0; b < 64 * words; b++) {
                    int tap = b / channels;
                    boolean expected = tap < taps && (sparse[row * taps + tap] >>> (b % channels) & 1L) != 0;
                    assertEquals(expected, BitPacking.getBit(compact, row * words, b), "trial " + trial + ", channels "
                            + channels + ", taps " + taps + ", bit " + b);
                }
            }
        }
    }

    @Test
    void compactTapsOnlyWhereItSavesWords() {
        assertEquals(true, BitLayout.compactTaps(16, 9, false));   // 144 bits: 3 words instead of 9
        assertEquals(true, BitLayout.compactTaps(32, 9, false));   // 288 bits: 5 words instead of 9
        assertEquals(false, BitLayout.compactTaps(64, 9, false));  // a word per tap already
        assertEquals(false, BitLayout.compactTaps(16, 9, true));   // groups keep their own layout
        assertEquals(false, BitLayout.compactTaps(16, 1, false));  // a 1x1 kernel is one word either way
        assertEquals(false, BitLayout.compactTaps(40, 2, false));  // 80 bits: 2 words either way
    }
}
