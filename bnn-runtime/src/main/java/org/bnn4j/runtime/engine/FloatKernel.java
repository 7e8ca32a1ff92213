package org.bnn4j.runtime.engine;

/**
 * Full-precision weights: {@code acc = sum_k w[o][k] * x[k]} over the {@code [tap][channel]} patch. Four output
 * channels at a time, each x value loaded once for four independent sums (a float stem conv has rows of only 27
 * or 147 products, where one sum's add latency, not the multiplies, was the limit). Every sum still adds its
 * products in k order, so results are the same bits as one channel at a time.
 */
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
        float[] w = weights;
        int n = rowLength;
        for (int k = 0; k < count; k++) {
            float[] x = patches[k].reals;
            float[] out = acc.floats[k];
            int o = oFrom;
            for (; o + 4 <= oTo; o += 4) {
                int a = o * n;
                int b = a + n;
                int c = b + n;
                int d = c + n;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                for (int i = 0; i < n; i++) {
                    float v = x[i];
                    s0 += w[a + i] * v;
                    s1 += w[b + i] * v;
                    s2 += w[c + i] * v;
                    s3 += w[d + i] * v;
                }
                out[o] = s0;
                out[o + 1] = s1;
                out[o + 2] = s2;
                out[o + 3] = s3;
            }
            for (; o < oTo; o++) {
                int base = o * n;
                float s = 0f;
                for (int i = 0; i < n; i++) {
                    s += w[base + i] * x[i];
                }
                out[o] = s;
            }
        }
    }
}
