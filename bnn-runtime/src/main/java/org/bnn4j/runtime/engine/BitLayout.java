package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.ValueShape;

/**
 * How the engine keeps a ±1 value packed: pixel-major, each pixel's C channels in {@code ceil(C / 64)} words
 * (bit 1 = -1, pad bits 0), so a convolution tap is a run of whole words. A vector is one pixel, which is
 * exactly the format's dense-row layout.
 */
final class BitLayout {
    private BitLayout() {
    }

    static int wordsPerPixel(ValueShape shape) {
        return BitPacking.words(shape.channels());
    }

    static int totalWords(ValueShape shape) {
        return wordsPerPixel(shape) * shape.area();
    }

    /** Packs the signs of a C, H, W float array. */
    static long[] packSigns(float[] values, ValueShape shape) {
        long[] out = new long[totalWords(shape)];
        int area = shape.area();
        if (area == 1) {
            BitPacking.packSigns(values, 0, shape.channels(), out, 0);
            return out;
        }
        int wc = wordsPerPixel(shape);
        int channels = shape.channels();
        // Each pixel's word built in a register and stored once. (About as fast as or-ing channel by channel into
        // memory, and a branch-free sign bit was slower: JFR, 20 s of the shipped XNOR-ResNet20, 241 / 250 / 374
        // samples. What would help is a vector sign test over channels, which needs channel-last floats.)
        for (int word = 0; word < wc; word++) {
            int first = word << 6;
            int last = Math.min(channels, first + 64);
            for (int p = 0; p < area; p++) {
                long bits = 0;
                for (int c = first, at = first * area + p; c < last; c++, at += area) {
                    bits |= BitPacking.signBit(values[at]) << (c - first);
                }
                out[p * wc + word] = bits;
            }
        }
        return out;
    }

    /** ±1 floats, C, H, W order. */
    static float[] unpack(long[] words, ValueShape shape) {
        float[] out = new float[(int) shape.size()];
        int area = shape.area();
        int wc = wordsPerPixel(shape);
        for (int c = 0; c < shape.channels(); c++) {
            int word = c >>> 6;
            int bit = c & 63;
            int base = c * area;
            for (int p = 0; p < area; p++) {
                out[base + p] = (words[p * wc + word] >>> bit & 1L) == 0 ? 1f : -1f;
            }
        }
        return out;
    }

    /**
     * Copies bits {@code [from, from + count)} of the row that starts at word {@code srcOffset} of {@code src} into
     * {@code ceil(count / 64)} words of {@code dst} from {@code dstOffset}, bit {@code from} landing on bit 0; the
     * pad bits after {@code count} are 0. (A group's channels out of a pixel's words.)
     */
    static void copyBits(long[] src, int srcOffset, int from, int count, long[] dst, int dstOffset) {
        int words = BitPacking.words(count);
        int shift = from & 63;
        int first = srcOffset + (from >>> 6);
        int end = from + count;
        for (int j = 0; j < words; j++) {
            long word = src[first + j] >>> shift;
            // the high bits come from the next source word, if the range reaches into it
            if (shift != 0 && (((from >>> 6) + j + 1) << 6) < end) {
                word |= src[first + j + 1] << (64 - shift);
            }
            dst[dstOffset + j] = word;
        }
        dst[dstOffset + words - 1] &= BitPacking.lastWordMask(count);
    }

    /**
     * Whether a convolution's patches are packed tap after tap with no pad bits between them (see
     * {@link #placeTap}): for an ungrouped op of fewer than 64 channels, where that takes fewer words than one word
     * per tap. A 3x3 patch of 16 channels is then 3 words, not 9, and the XOR and popcount work shrinks alike.
     */
    static boolean compactTaps(int channels, int taps, boolean grouped) {
        return !grouped && channels < 64 && taps > 1 && BitPacking.words((long) taps * channels) < taps;
    }

    /** Words of a compact row of {@code taps} taps of {@code channels} bits each. */
    static int compactWords(int taps, int channels) {
        return BitPacking.words((long) taps * channels);
    }

    /**
     * ORs one tap's {@code channels} bits ({@code word}, whose higher bits are 0) into a compact row at bit
     * {@code tap * channels}; the row's words must start out 0. A tap may straddle two words.
     */
    static void placeTap(long[] row, int rowOffset, int tap, int channels, long word) {
        int bit = tap * channels;
        int index = rowOffset + (bit >>> 6);
        int shift = bit & 63;
        row[index] |= word << shift;
        if (shift + channels > 64) {
            row[index + 1] |= word >>> (64 - shift);
        }
    }

    /** Rows of {@code taps} one-word taps ({@code [rows][taps]}) as compact rows ({@code [rows][compactWords]}). */
    static long[] compactRows(long[] rows, int rowCount, int taps, int channels) {
        int words = compactWords(taps, channels);
        long[] out = new long[rowCount * words];
        for (int r = 0; r < rowCount; r++) {
            for (int t = 0; t < taps; t++) {
                placeTap(out, r * words, t, channels, rows[r * taps + t]);
            }
        }
        return out;
    }
}
