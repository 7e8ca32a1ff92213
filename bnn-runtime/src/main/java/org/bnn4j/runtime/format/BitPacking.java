package org.bnn4j.runtime.format;

/**
 * The format's bit convention, in one place for writers and readers: a ±1 value is one bit, 0 for +1 and 1 for
 * -1; element {@code i} of a packed row is bit {@code i % 64} (least significant first) of word {@code i / 64};
 * pad bits after the row's last element are 0.
 *
 * <pre>{@code
 * float[] x = {0.5f, -2f, 0f};
 * long[] packed = new long[BitPacking.words(x.length)];
 * BitPacking.packSigns(x, 0, x.length, packed, 0);   // packed[0] == 0b010
 * }</pre>
 */
public final class BitPacking {
    private BitPacking() {
    }

    /** Number of 64-bit words that hold {@code bits} bits. */
    public static int words(long bits) {
        return (int) ((bits + 63) >>> 6);
    }

    /** The bit of a value: 1 (meaning -1) where it is negative, 0 (meaning +1) otherwise, NaN and -0.0 included. */
    public static long signBit(float value) {
        return value < 0f ? 1L : 0L;
    }

    /**
     * Packs the signs of {@code count} values starting at {@code from} into {@code words(count)} words starting at
     * {@code outOffset}, overwriting them (pad bits become 0).
     */
    public static void packSigns(float[] values, int from, int count, long[] out, int outOffset) {
        int fullWords = count >>> 6;
        for (int w = 0; w < fullWords; w++) {
            long word = 0;
            int base = from + (w << 6);
            for (int b = 0; b < 64; b++) {
                word |= signBit(values[base + b]) << b;
            }
            out[outOffset + w] = word;
        }
        int rest = count & 63;
        if (rest != 0) {
            long word = 0;
            int base = from + (fullWords << 6);
            for (int b = 0; b < rest; b++) {
                word |= signBit(values[base + b]) << b;
            }
            out[outOffset + fullWords] = word;
        }
    }

    /**
     * Packs rows of booleans (true = bit 1) into rows of {@code words(rowLength)} words each.
     *
     * @param bits {@code rows * rowLength} flags, row-major
     */
    public static long[] packRows(boolean[] bits, int rows, int rowLength) {
        int rowWords = words(rowLength);
        long[] out = new long[Math.multiplyExact(rows, rowWords)];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < rowLength; i++) {
                if (bits[r * rowLength + i]) {
                    setBit(out, r * rowWords, i);
                }
            }
        }
        return out;
    }

    /** Sets bit {@code index} of the row that starts at word {@code rowOffset}. */
    public static void setBit(long[] words, int rowOffset, int index) {
        words[rowOffset + (index >>> 6)] |= 1L << (index & 63);
    }

    /** Whether bit {@code index} of the row that starts at word {@code rowOffset} is 1. */
    public static boolean getBit(long[] words, int rowOffset, int index) {
        return (words[rowOffset + (index >>> 6)] >>> (index & 63) & 1L) != 0;
    }

    /** Mask of the bits a row of {@code rowLength} elements uses in its last word. */
    public static long lastWordMask(int rowLength) {
        int rest = rowLength & 63;
        return rest == 0 ? -1L : (1L << rest) - 1;
    }

    /**
     * Index of the first row (of {@code rowLength} elements in {@code words(rowLength)} words each) with a pad bit
     * set, or -1 when every pad bit is 0.
     */
    public static int firstRowWithPadBits(long[] words, int rowLength) {
        int rowWords = words(rowLength);
        long padMask = ~lastWordMask(rowLength);
        if (padMask == 0) {
            return -1;
        }
        for (int r = 0, at = rowWords - 1; at < words.length; r++, at += rowWords) {
            if ((words[at] & padMask) != 0) {
                return r;
            }
        }
        return -1;
    }
}
