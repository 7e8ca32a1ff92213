package org.bnn4j.runtime.engine;

/**
 * Full-precision weights: {@code acc = sum_k w[o][k] * x[k]} over the {@code [tap][channel]} patch. The weights are
 * kept transposed ({@code [k][o]}) and eight output channels are summed at once, each input value loaded once for
 * eight independent sums, while every sum still adds its products in k order, exactly as one sum at a time would
 * (same bits). (A float stem convolution had been one dependent chain of adds per channel: 56% of Bi-Real Net-18's
 * time.)
 */
final class FloatKernel implements LinearKernel {
    /** {@code [k][o]}: weight row o's k-th value at {@code k * nOut + o}. */
    private final float[] transposed;
    private final int rowLength;
    private final int nOut;

    /** @param weights {@code [nOut][taps][channels]} */
    FloatKernel(float[] weights, int rowLength) {
        this.rowLength = rowLength;
        this.nOut = weights.length / rowLength;
        this.transposed = new float[weights.length];
        for (int o = 0; o < nOut; o++) {
            for (int k = 0; k < rowLength; k++) {
                transposed[k * nOut + o] = weights[o * rowLength + k];
            }
        }
    }

    @Override
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        for (int p = 0; p < count; p++) {
            float[] x = patches[p].reals;
            float[] out = acc.floats[p];
            int o = oFrom;
            for (; o + 8 <= oTo; o += 8) {
                eight(x, out, o);
            }
            for (; o < oTo; o++) {
                float s = 0f;
                for (int k = 0; k < rowLength; k++) {
                    s += transposed[k * nOut + o] * x[k];
                }
                out[o] = s;
            }
        }
    }

    /**
     * Output channels {@code o .. o+7}: eight independent sums in registers, so the adds' latency overlaps (the JIT
     * does not vectorize a loop that stores into one float array while reading another it cannot prove distinct).
     */
    private void eight(float[] x, float[] out, int o) {
        float[] w = transposed;
        int n = nOut;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        for (int k = 0, at = o; k < rowLength; k++, at += n) {
            float v = x[k];
            s0 += w[at] * v;
            s1 += w[at + 1] * v;
            s2 += w[at + 2] * v;
            s3 += w[at + 3] * v;
            s4 += w[at + 4] * v;
            s5 += w[at + 5] * v;
            s6 += w[at + 6] * v;
            s7 += w[at + 7] * v;
        }
        out[o] = s0;
        out[o + 1] = s1;
        out[o + 2] = s2;
        out[o + 3] = s3;
        out[o + 4] = s4;
        out[o + 5] = s5;
        out[o + 6] = s6;
        out[o + 7] = s7;
    }
}
