package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;

import java.util.Arrays;

/**
 * Patches of a float input ({@code [tap][channel]}), optionally binarized with sign on the way (a SIGN-mode op
 * with float weights). Padding taps hold the pad value (0, +1 or -1); a 0 contributes nothing to any sum, so
 * every tap counts as valid. A grouped convolution has one gatherer per group, each over its group's channels.
 */
final class RealPatches implements PatchGatherer {
    private final int input;
    private final ValueShape in;
    private final Window window;
    private final float padValue;
    private final boolean sign;
    private final int firstChannel;
    private final int channels;

    /**
     * @param window       null for a dense op (the patch is the input vector, or its signs)
     * @param firstChannel the first input channel of the group, 0 without groups
     * @param channels     channels per tap: the group's, {@code in.channels()} without groups
     */
    RealPatches(int input, ValueShape in, Window window, int padValue, boolean sign, int firstChannel, int channels) {
        this.input = input;
        this.in = in;
        this.window = window;
        this.padValue = padValue;
        this.sign = sign;
        this.firstChannel = firstChannel;
        this.channels = channels;
    }

    @Override
    public Patch newPatch() {
        int taps = window == null ? 1 : window.taps();
        Patch p = new Patch(taps);
        if (window != null || sign) {
            p.reals = new float[taps * channels];
        }
        return p;
    }

    @Override
    public long patchBytes() {
        return window == null && !sign ? 0 : 4L * (window == null ? 1 : window.taps()) * channels;
    }

    @Override
    public void gather(Workspace ws, int oy, int ox, Patch patch) {
        float[] x = ws.floats[input];
        if (window == null) {
            if (sign) {
                for (int i = 0; i < x.length; i++) {
                    patch.reals[i] = signOf(x[i]);
                }
            } else {
                patch.reals = x;
            }
            patch.singleTap();
            return;
        }
        int height = in.height();
        int width = in.width();
        int area = height * width;
        int groupStart = firstChannel * area;
        for (int kh = 0; kh < window.kernelHeight(); kh++) {
            int iy = window.inputRow(oy, kh);
            for (int kw = 0; kw < window.kernelWidth(); kw++) {
                int ix = window.inputColumn(ox, kw);
                int tap = kh * window.kernelWidth() + kw;
                int dst = tap * channels;
                if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                    int src = groupStart + iy * width + ix;
                    for (int c = 0; c < channels; c++) {
                        float v = x[c * area + src];
                        patch.reals[dst + c] = sign ? signOf(v) : v;
                    }
                } else {
                    Arrays.fill(patch.reals, dst, dst + channels, padValue);
                }
            }
        }
        patch.validCount = window.taps();
        patch.paddedCount = 0;
    }

    private static float signOf(float v) {
        return v < 0f ? -1f : 1f;
    }
}
