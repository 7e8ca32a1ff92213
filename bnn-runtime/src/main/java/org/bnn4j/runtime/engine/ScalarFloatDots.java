package org.bnn4j.runtime.engine;

/**
 * {@link FloatDots} in plain Java: eight output channels at once, each input value loaded once for eight independent
 * sums in registers, so the adds' latency overlaps (the JIT does not vectorize a loop that stores into one float array
 * while reading another it cannot prove distinct).
 */
final class ScalarFloatDots implements FloatDots {
    static final ScalarFloatDots INSTANCE = new ScalarFloatDots();

    private ScalarFloatDots() {
    }

    @Override
    public String name() {
        return "plain";
    }

    @Override
    public void dots(float[] w, int nOut, float[] x, int rowLength, int oFrom, int oTo, float[] out) {
        int o = oFrom;
        for (; o + 8 <= oTo; o += 8) {
            eight(w, nOut, x, rowLength, o, out);
        }
        for (; o < oTo; o++) {
            float s = 0f;
            for (int k = 0; k < rowLength; k++) {
                s += w[k * nOut + o] * x[k];
            }
            out[o] = s;
        }
    }

    private static void eight(float[] w, int n, float[] x, int rowLength, int o, float[] out) {
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
