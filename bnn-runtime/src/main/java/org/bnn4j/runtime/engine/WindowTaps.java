package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;

/** The input pixels a pooling window covers at one output position, padding left out. */
final class WindowTaps {
    private WindowTaps() {
    }

    /**
     * Writes the indices {@code row * width + column} of the in-bounds taps of output position (oy, ox) into
     * {@code pixels} from {@code offset} (room for {@code window.taps()} there) and returns how many there are.
     */
    static int inside(Window window, ValueShape in, int oy, int ox, int[] pixels, int offset) {
        int count = 0;
        for (int kh = 0; kh < window.kernelHeight(); kh++) {
            int iy = window.inputRow(oy, kh);
            if (iy < 0 || iy >= in.height()) {
                continue;
            }
            for (int kw = 0; kw < window.kernelWidth(); kw++) {
                int ix = window.inputColumn(ox, kw);
                if (ix >= 0 && ix < in.width()) {
                    pixels[offset + count++] = iy * in.width() + ix;
                }
            }
        }
        return count;
    }
}
