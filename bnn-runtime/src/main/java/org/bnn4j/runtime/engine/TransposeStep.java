package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;

/** Copies a rank-3 value with its axes reordered: output (i0, i1, i2) = input at the positions axes name. */
final class TransposeStep implements Step {
    private final int input;
    private final int output;
    private final int[] inDims;
    private final int[] axes;

    TransposeStep(int input, int output, ValueShape in, int[] axes) {
        this.input = input;
        this.output = output;
        this.inDims = in.dims();
        this.axes = axes.clone();
    }

    @Override
    public void run(Workspace ws) {
        float[] x = ws.floats[input];
        float[] y = new float[x.length];
        int[] strides = {inDims[1] * inDims[2], inDims[2], 1};
        int d0 = inDims[axes[0]], d1 = inDims[axes[1]], d2 = inDims[axes[2]];
        int s0 = strides[axes[0]], s1 = strides[axes[1]], s2 = strides[axes[2]];
        int k = 0;
        for (int a = 0; a < d0; a++) {
            for (int b = 0; b < d1; b++) {
                int base = a * s0 + b * s1;
                for (int c = 0; c < d2; c++) {
                    y[k++] = x[base + c * s2];
                }
            }
        }
        ws.floats[output] = y;
    }
}
