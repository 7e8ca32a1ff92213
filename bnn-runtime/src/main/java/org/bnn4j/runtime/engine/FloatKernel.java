package org.bnn4j.runtime.engine;

/** Full-precision weights: {@code acc = sum_k w[o][k] * x[k]} over the {@code [tap][channel]} patch. */
final class FloatKernel implements LinearKernel {
    private final float[] weights;
    private final int rowLength;

    /** @param weights {@code [nOut][taps][channels]} */
    FloatKernel(float[] weights, int rowLength) {
        this.weights = weights;
        this.rowLength = rowLength;
    }

    @Override
    public void accumulate(Patch patch, int oFrom, int oTo, int[] ints, float[] floats) {
        float[] x = patch.reals;
        for (int o = oFrom; o < oTo; o++) {
            int base = o * rowLength;
            float s = 0f;
            for (int k = 0; k < rowLength; k++) {
                s += weights[base + k] * x[k];
            }
            floats[o] = s;
        }
    }
}
