package org.bnn4j.runtime.engine;

/**
 * The inputs of one output position of a dense or convolution op, tap by tap ({@code [tap][channel]}): as packed
 * words ({@code bits}, {@code wordsPerTap} per tap) or as floats ({@code reals}, C per tap). Taps that fell on
 * zero padding are listed in {@code paddedTaps} (their words are 0) and not counted in {@code validCount}; with ±1
 * padding every tap is valid. A dense op has one tap and its patch is the input itself.
 */
final class Patch {
    long[] bits;
    float[] reals;
    int validCount;
    final int[] paddedTaps;
    int paddedCount;

    Patch(int taps) {
        paddedTaps = new int[taps];
    }

    /** Marks the patch as one whole, valid tap (dense ops). */
    void singleTap() {
        validCount = 1;
        paddedCount = 0;
    }
}
