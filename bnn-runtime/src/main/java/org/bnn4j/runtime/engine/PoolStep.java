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

    /** The in-bounds pixels of one output row's windows. */
    @Override
    public long scratchBytes() {
        return 4L * window.taps() * out.width() + 4L * out.width();
    }

    /**
     * Row by row: the windows' in-bounds pixels of one output row are found once, then each channel pools that row,
     * so every channel reads a few neighbouring input rows rather than all channels being visited per position.
     */
    @Override
    public void run(Workspace ws) {
        float[] x = ws.floats[input];
        float[] y = new float[(int) out.size()];
        int taps = window.taps();
        int width = out.width();
        int[] pixels = new int[taps * width];
        int[] counts = new int[width];
        int inArea = in.area();
        int outArea = out.area();
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < width; ox++) {
                counts[ox] = WindowTaps.inside(window, in, oy, ox, pixels, ox * taps);
            }
            int row = oy * width;
            for (int c = 0; c < in.channels(); c++) {
                int base = c * inArea;
                int outBase = c * outArea + row;
                for (int ox = 0; ox < width; ox++) {
                    y[outBase + ox] = pool(x, base, pixels, ox * taps, counts[ox]);
                }
            }
        }
        ws.floats[output] = y;
    }

    private float pool(float[] x, int channelBase, int[] pixels, int from, int count) {
        float acc = max ? Float.NEGATIVE_INFINITY : 0f;
        for (int i = from; i < from + count; i++) {
            float v = x[channelBase + pixels[i]];
            acc = max ? Math.max(acc, v) : acc + v;
        }
        if (max) {
            return acc;
        }
        return acc / (divideByValidCount ? count : window.taps());
    }
}
