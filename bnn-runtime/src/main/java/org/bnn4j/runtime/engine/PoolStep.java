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

    @Override
    public void run(Workspace ws) {
        float[] x = ws.floats[input];
        float[] y = new float[(int) out.size()];
        int inArea = in.area();
        int outArea = out.area();
        for (int c = 0; c < in.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    y[c * outArea + oy * out.width() + ox] = pool(x, c * inArea, oy, ox);
                }
            }
        }
        ws.floats[output] = y;
    }

    private float pool(float[] x, int channelBase, int oy, int ox) {
        float acc = max ? Float.NEGATIVE_INFINITY : 0f;
        int valid = 0;
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
                float v = x[channelBase + iy * in.width() + ix];
                acc = max ? Math.max(acc, v) : acc + v;
                valid++;
            }
        }
        if (max) {
            return acc;
        }
        return acc / (divideByValidCount ? valid : window.taps());
    }
}
