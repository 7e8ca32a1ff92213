package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;

import java.util.Arrays;

/**
 * Patches of a packed ±1 input: each tap copies one pixel's channel words. Padding taps are the words of +1 (all
 * 0) or -1 (all channel bits 1, pad bits still 0) for a ±1 pad value; with pad value 0 they are left out, so
 * the kernel sums over in-bounds taps only, which is exactly what zero padding of a ±1 input computes.
 *
 * <p>A grouped convolution has one gatherer per group, each copying its group's run of channels out of every
 * pixel (shifted to bit 0 of the tap's first word, pad bits 0), so a tap looks like a pixel of a
 * {@code channels}-channel input and the kernels need not know about groups.
 */
final class BitPatches implements PatchGatherer {
    private final int input;
    private final ValueShape in;
    private final Window window;
    private final int padValue;
    private final int firstChannel;
    private final int channels;
    /** Whether the taps take part of each pixel's channels (a group), not all of them. */
    private final boolean slice;
    private final int wordsPerPixel;
    private final int wordsPerTap;
    private final long lastWordMask;
    /** Taps packed bit after bit ({@link BitLayout#compactTaps}) rather than a word (or words) each. */
    private final boolean compact;
    /** Compact patches: per tap, its pixel's offset from the window's first pixel, and where its bits go. */
    private final int[] tapPixel;
    private final int[] tapWord;
    private final int[] tapShift;
    private final boolean[] tapStraddles;

    /**
     * @param window       null for a dense op (the patch is the input vector)
     * @param firstChannel the first input channel of the group, 0 without groups
     * @param channels     channels per tap: the group's, {@code in.channels()} without groups
     * @param compact      whether to pack taps bit after bit ({@link BitLayout#compactTaps}; one word per tap and no
     *                     groups only); the kernel's weight rows must be packed alike
     */
    BitPatches(int input, ValueShape in, Window window, int padValue, int firstChannel, int channels, boolean compact) {
        this.input = input;
        this.in = in;
        this.window = window;
        this.padValue = padValue;
        this.firstChannel = firstChannel;
        this.channels = channels;
        this.slice = channels != in.channels();
        this.wordsPerPixel = BitLayout.wordsPerPixel(in);
        this.wordsPerTap = BitPacking.words(channels);
        this.lastWordMask = BitPacking.lastWordMask(channels);
        this.compact = compact;
        if (compact && (window == null || slice || wordsPerTap != 1)) {
            throw new IllegalArgumentException("compact patches need a window, no groups and one word per tap");
        }
        int taps = compact ? window.taps() : 0; // the tap tables serve compact patches only
        tapPixel = new int[taps];
        tapWord = new int[taps];
        tapShift = new int[taps];
        tapStraddles = new boolean[taps];
        for (int t = 0; t < taps; t++) {
            int kh = t / window.kernelWidth();
            int kw = t % window.kernelWidth();
            tapPixel[t] = kh * window.dilationHeight() * in.width() + kw * window.dilationWidth();
            int bit = t * channels;
            tapWord[t] = bit >>> 6;
            tapShift[t] = bit & 63;
            tapStraddles[t] = (bit & 63) + channels > 64;
        }
    }

    private int patchWords() {
        return compact ? BitLayout.compactWords(window.taps(), channels) : window.taps() * wordsPerTap;
    }

    @Override
    public Patch newPatch() {
        Patch p = new Patch(window == null ? 1 : window.taps());
        if (window != null) {
            p.bits = new long[patchWords()];
        }
        return p;
    }

    @Override
    public long patchBytes() {
        return window == null ? 0 : 8L * patchWords();
    }

    @Override
    public void gather(Workspace ws, int oy, int ox, Patch patch) {
        long[] x = ws.bits[input];
        if (window == null) {
            patch.bits = x;
            patch.singleTap();
            return;
        }
        if (compact) {
            Arrays.fill(patch.bits, 0L); // taps are ORed in
            if (gatherInside(x, oy, ox, patch)) {
                return;
            }
        }
        int valid = 0;
        int padded = 0;
        int height = in.height();
        int width = in.width();
        for (int kh = 0; kh < window.kernelHeight(); kh++) {
            int iy = window.inputRow(oy, kh);
            for (int kw = 0; kw < window.kernelWidth(); kw++) {
                int ix = window.inputColumn(ox, kw);
                int tap = kh * window.kernelWidth() + kw;
                int dst = tap * wordsPerTap;
                if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                    int pixel = iy * width + ix;
                    if (compact) {
                        BitLayout.placeTap(patch.bits, 0, tap, channels, x[pixel]);
                    } else if (slice) {
                        BitLayout.copyBits(x, pixel * wordsPerPixel, firstChannel, channels, patch.bits, dst);
                    } else if (wordsPerTap == 1) {
                        patch.bits[dst] = x[pixel]; // up to 64 channels: no copy call per tap
                    } else {
                        System.arraycopy(x, pixel * wordsPerTap, patch.bits, dst, wordsPerTap);
                    }
                    valid++;
                } else if (padValue == 0) {
                    if (!compact) {
                        Arrays.fill(patch.bits, dst, dst + wordsPerTap, 0L);
                    }
                    patch.paddedTaps[padded++] = tap;
                } else {
                    if (compact) {
                        BitLayout.placeTap(patch.bits, 0, tap, channels, padValue < 0 ? lastWordMask : 0L);
                    } else {
                        fillPad(patch.bits, dst);
                    }
                    valid++;
                }
            }
        }
        patch.validCount = valid;
        patch.paddedCount = padded;
    }

    /**
     * A compact patch whose window lies inside the input (most positions): no bounds to check, tap placements known
     * at load. Returns false, gathering nothing, for a window that reaches into the padding.
     */
    private boolean gatherInside(long[] x, int oy, int ox, Patch patch) {
        int top = window.inputRow(oy, 0);
        int left = window.inputColumn(ox, 0);
        if (top < 0 || left < 0 || window.inputRow(oy, window.kernelHeight() - 1) >= in.height()
                || window.inputColumn(ox, window.kernelWidth() - 1) >= in.width()) {
            return false;
        }
        long[] bits = patch.bits;
        int first = top * in.width() + left;
        for (int t = 0; t < tapPixel.length; t++) {
            long word = x[first + tapPixel[t]];
            bits[tapWord[t]] |= word << tapShift[t];
            if (tapStraddles[t]) {
                bits[tapWord[t] + 1] |= word >>> (64 - tapShift[t]);
            }
        }
        patch.validCount = tapPixel.length;
        patch.paddedCount = 0;
        return true;
    }

    private void fillPad(long[] bits, int dst) {
        if (padValue > 0) {
            Arrays.fill(bits, dst, dst + wordsPerTap, 0L);
        } else {
            Arrays.fill(bits, dst, dst + wordsPerTap - 1, -1L);
            bits[dst + wordsPerTap - 1] = lastWordMask;
        }
    }
}
