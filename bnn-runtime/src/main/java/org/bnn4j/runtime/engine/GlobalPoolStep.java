package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.ValueShape;

/** Max, average or sum of each channel of an image: {@code [C, H, W] -> [C]}. */
final class GlobalPoolStep implements Step {
    private final int input;
    private final int output;
    private final ValueShape in;
    private final PoolKind kind;

    GlobalPoolStep(int input, int output, ValueShape in, PoolKind kind) {
        this.input = input;
        this.output = output;
        this.in = in;
        this.kind = kind;
    }

    @Override
    public void run(Workspace ws) {
        float[] x = ws.floats[input];
        float[] y = new float[in.channels()];
        int area = in.area();
        for (int c = 0; c < y.length; c++) {
            float acc = kind == PoolKind.MAX ? Float.NEGATIVE_INFINITY : 0f;
            for (int i = c * area, end = i + area; i < end; i++) {
                acc = kind == PoolKind.MAX ? Math.max(acc, x[i]) : acc + x[i];
            }
            y[c] = kind == PoolKind.AVG ? acc / area : acc;
        }
        ws.floats[output] = y;
    }
}
