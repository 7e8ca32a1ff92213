package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;

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

    @Override
    public void run(Workspace ws) {
        long[] x = ws.bits[input];
        long[] y = new long[BitLayout.totalWords(out)];
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                int dst = (oy * out.width() + ox) * wordsPerPixel;
                java.util.Arrays.fill(y, dst, dst + wordsPerPixel, -1L);
                for (int kh = 0; kh < window.kernelHeight(); kh++) {
                    int iy = window.inputRow(oy, kh);
                    if (iy < 0 || iy >= in.height()) {
                        continue;
                    }
                    for (int kw = 0; kw < window.kernelWidth(); kw++) {
                        int ix = window.inputColumn(ox, kw);
                        if (ix < 0 || ix >= in.width()) {
                            continue;
                        }
                        int src = (iy * in.width() + ix) * wordsPerPixel;
                        for (int j = 0; j < wordsPerPixel; j++) {
                            y[dst + j] &= x[src + j];
                        }
                    }
                }
            }
        }
        ws.bits[output] = y;
    }
}
