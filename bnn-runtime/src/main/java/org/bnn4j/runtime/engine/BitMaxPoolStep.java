package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;

import java.util.Arrays;

/**
 * Max pooling of a ±1 value without unpacking it: the maximum is -1 only where every tap is -1, so the output
 * bits are the AND of the taps' words (padding ignored, as for float max pooling).
 */
final class BitMaxPoolStep implements Step {
    private final int input;
    private final int output;
    private final ValueShape in;
    private final ValueShape out;
    private final Window window;
    private final int wordsPerPixel;

    BitMaxPoolStep(int input, int output, ValueShape in, ValueShape out, Window window) {
        this.input = input;
        this.output = output;
        this.in = in;
        this.out = out;
        this.window = window;
        this.wordsPerPixel = BitLayout.wordsPerPixel(in);
    }

    /** The in-bounds pixels of one window. */
    @Override
    public long scratchBytes() {
        return 4L * window.taps();
    }

    @Override
    public void run(Workspace ws) {
        long[] x = ws.bits[input];
        long[] y = new long[BitLayout.totalWords(out)];
        int[] pixels = new int[window.taps()];
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                int count = WindowTaps.inside(window, in, oy, ox, pixels, 0);
                int dst = (oy * out.width() + ox) * wordsPerPixel;
                Arrays.fill(y, dst, dst + wordsPerPixel, -1L);
                for (int i = 0; i < count; i++) {
                    int src = pixels[i] * wordsPerPixel;
                    for (int j = 0; j < wordsPerPixel; j++) {
                        y[dst + j] &= x[src + j];
                    }
                }
            }
        }
        ws.bits[output] = y;
    }
}
