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
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        for (int k = 0; k < count; k++) {
            float[] x = patches[k].reals;
            float[] out = acc.floats[k];
            for (int o = oFrom; o < oTo; o++) {
                int base = o * rowLength;
                float s = 0f;
                for (int i = 0; i < rowLength; i++) {
                    s += weights[base + i] * x[i];
                }
                out[o] = s;
            }
        }
    }
}
