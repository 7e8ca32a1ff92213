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
        for (int c = 0; c < shape.channels(); c++) {
            int word = c >>> 6;
            int bit = c & 63;
            int base = c * area;
            for (int p = 0; p < area; p++) {
                out[p * wc + word] |= BitPacking.signBit(values[base + p]) << bit;
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
}
