package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;

/** Per-channel {@code y = mul[c] * x + add[c]} (a BatchNorm that stands alone). */
final class AffineStep implements Step {
    private final int input;
    private final int output;
    private final ValueShape shape;
    private final float[] mul;
    private final float[] add;

    AffineStep(int input, int output, ValueShape shape, float[] mul, float[] add) {
        this.input = input;
        this.output = output;
        this.shape = shape;
        this.mul = mul;
        this.add = add;
    }

    @Override
    public void run(Workspace ws) {
        float[] x = ws.floats[input];
        float[] y = new float[x.length];
        int area = shape.area();
        for (int c = 0; c < shape.channels(); c++) {
            for (int i = c * area, end = i + area; i < end; i++) {
                y[i] = mul[c] * x[i] + add[c];
            }
        }
        ws.floats[output] = y;
    }
}
