package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;

/**
 * Max or average pooling over a window of each channel. Max skips padding; average divides by the kernel size
 * (padding counts as zeros) or by the number of in-bounds taps.
 */
final class PoolStep implements Step {
    private final int input;
    private final int output;
    private final ValueShape in;
    private final ValueShape out;
    private final Window window;
    private final boolean max;
    private final boolean divideByValidCount;

    PoolStep(int input, int output, ValueShape in, ValueShape out, Window window, PoolKind kind, boolean divideByValidCount) {
        this.input = input;
        this.output = output;
        this.in = in;
        this.out = out;
        this.window = window;
        this.max = kind == PoolKind.MAX;
        this.divideByValidCount = divideByValidCount;
    }

    /** The in-bounds pixels of one window. */
    @Override
    public long scratchBytes() {
        return 4L * window.taps();
    }

    @Override
    public void run(Workspace ws) {
        float[] x = ws.floats[input];
        float[] y = new float[(int) out.size()];
        int[] pixels = new int[window.taps()];
        int inArea = in.area();
        int outArea = out.area();
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < out.width(); ox++) {
                int count = WindowTaps.inside(window, in, oy, ox, pixels);
                int at = oy * out.width() + ox;
                for (int c = 0; c < in.channels(); c++) {
                    y[c * outArea + at] = pool(x, c * inArea, pixels, count);
                }
            }
        }
        ws.floats[output] = y;
    }

    private float pool(float[] x, int channelBase, int[] pixels, int count) {
        float acc = max ? Float.NEGATIVE_INFINITY : 0f;
        for (int i = 0; i < count; i++) {
            float v = x[channelBase + pixels[i]];
            acc = max ? Math.max(acc, v) : acc + v;
        }
        if (max) {
            return acc;
        }
        return acc / (divideByValidCount ? count : window.taps());
    }
}
