package org.bnn4j.nn.testutil;

import java.util.Random;

/**
 * Independent plain-Java reference implementations of what the layers compute, written from the
 * definitions (no ND4J), for comparing against the layers' outputs and gradients.
 */
public final class Reference {
    private Reference() {
    }

    public static double sign(double v) {
        return v >= 0 ? 1.0 : -1.0;
    }

    public static double[] sign(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = sign(v[i]);
        return out;
    }

    /** TernaryConnect's deterministic rule: +1 above upper, -1 at or below lower, 0 in between. */
    public static double ternary(double v, double lower, double upper) {
        return v > upper ? 1.0 : v <= lower ? -1.0 : 0.0;
    }

    /** TTQ's threshold, t * max|w| over every weight. */
    public static double ttqThreshold(double[] w, double t) {
        double max = 0;
        for (double v : w) max = Math.max(max, Math.abs(v));
        return t * max;
    }

    /** TTQ's quantized weight (Zhu et al. 2017): Wp above delta, -Wn below -delta, 0 in between. */
    public static double ttqWeight(double w, double delta, double wp, double wn) {
        return w > delta ? wp : w < -delta ? -wn : 0.0;
    }

    /** TTQ's factor from dL/dw_t to dL/dw (the paper's scaled gradient): Wp above delta, Wn below -delta, 1 in between. */
    public static double ttqLatentFactor(double w, double delta, double wp, double wn) {
        return w > delta ? wp : w < -delta ? wn : 1.0;
    }

    /**
     * Lin et al.'s power-of-two quantization from its definition: sign(v) * 2^round(log2|v|), the exponent clipped to
     * [min, max], 0 for 0 (rounding half up in log2 space; values at a half are avoided by callers).
     */
    public static double powerOfTwo(double v, int min, int max) {
        if (v == 0) return 0;
        double e = Math.floor(Math.log(Math.abs(v)) / Math.log(2) + 0.5);
        return Math.signum(v) * Math.pow(2, Math.max(min, Math.min(max, e)));
    }

    /** Random values in [-scale, scale]. */
    public static double[] uniform(Random r, int n, double scale) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = (r.nextDouble() * 2 - 1) * scale;
        return out;
    }

    /** XNOR-Net scales: mean |w| per output column of a dense [nIn][nOut] matrix. */
    public static double[] columnMeanAbs(double[][] w) {
        double[] alpha = new double[w[0].length];
        for (double[] row : w) for (int j = 0; j < row.length; j++) alpha[j] += Math.abs(row[j]);
        for (int j = 0; j < alpha.length; j++) alpha[j] /= w.length;
        return alpha;
    }

    /** z = x · w + b for x [n][nIn], w [nIn][nOut]. */
    public static double[][] dense(double[][] x, double[][] w, double[] b) {
        int n = x.length, nIn = w.length, nOut = w[0].length;
        double[][] z = new double[n][nOut];
        for (int i = 0; i < n; i++)
            for (int o = 0; o < nOut; o++) {
                double s = b == null ? 0 : b[o];
                for (int k = 0; k < nIn; k++) s += x[i][k] * w[k][o];
                z[i][o] = s;
            }
        return z;
    }

    /** dL/db of a convolution: the sum of dL/dout over examples and positions, per output channel. */
    public static double[] channelSums(double[][][][] delta) {
        double[] sums = new double[delta[0].length];
        for (double[][][] e : delta) for (int o = 0; o < sums.length; o++) for (double[] row : e[o]) for (double v : row) sums[o] += v;
        return sums;
    }

    /** What the sign-family quantizers these tests use make of w: as is, sign, or XNOR-Net's per-channel scaled sign. */
    public static double[][][][] byDefinition(double[][][][] w, org.bnn4j.nn.quantizers.Quantizer q) {
        if (q instanceof org.bnn4j.nn.quantizers.Identity) return w;
        return q instanceof org.bnn4j.nn.quantizers.MagnitudeAwareSign ? xnorKernel(w) : Arrays4d.map(w, Reference::sign);
    }

    /** XNOR-Net's kernel: sign(w) times alpha_o, the mean |w| of output channel o (the first index). */
    public static double[][][][] xnorKernel(double[][][][] w) {
        double[][][][] out = new double[w.length][][][];
        for (int o = 0; o < w.length; o++) {
            double sum = 0;
            int count = 0;
            for (double[][] a : w[o]) for (double[] b : a) for (double v : b) { sum += Math.abs(v); count++; }
            double alpha = sum / count;
            out[o] = Arrays4d.map(new double[][][][]{w[o]}, v -> alpha * sign(v))[0];
        }
        return out;
    }

    /**
     * A depthwise kernel [nIn * multiplier][1][kH][kW] as the ordinary convolution kernel it is: output o reads input
     * channel o / multiplier with its weights, every other channel with zeros.
     */
    public static double[][][][] depthwiseAsFull(double[][][][] depthwise, int multiplier) {
        int o = depthwise.length;
        double[][][][] full = new double[o][o / multiplier][][];
        for (int f = 0; f < o; f++) {
            for (int ch = 0; ch < o / multiplier; ch++) {
                full[f][ch] = ch == f / multiplier ? depthwise[f][0]
                        : new double[depthwise[f][0].length][depthwise[f][0][0].length];
            }
        }
        return full;
    }

    /** Geometry of a convolution written from DL4J's documented modes, independent of the library's. */
    public static final class Conv {
        public final int kh, kw, sh, sw, dh, dw, padTop, padBottom, padLeft, padRight, outH, outW;
        public final double padValue;

        public Conv(String mode, int inH, int inW, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, double padValue) {
            this.kh = kh; this.kw = kw; this.sh = sh; this.sw = sw; this.dh = dh; this.dw = dw; this.padValue = padValue;
            int ekh = (kh - 1) * dh + 1, ekw = (kw - 1) * dw + 1;
            if (mode.equals("Same")) {
                outH = (inH + sh - 1) / sh;
                outW = (inW + sw - 1) / sw;
                int th = Math.max(0, (outH - 1) * sh + ekh - inH), tw = Math.max(0, (outW - 1) * sw + ekw - inW);
                padTop = th / 2; padBottom = th - th / 2; padLeft = tw / 2; padRight = tw - tw / 2;
            } else {
                outH = (inH + 2 * ph - ekh) / sh + 1;
                outW = (inW + 2 * pw - ekw) / sw + 1;
                padTop = padBottom = ph; padLeft = padRight = pw;
            }
        }

        private double at(double[][][][] x, int n, int c, int y, int xx) {
            if (y < 0 || xx < 0 || y >= x[0][0].length || xx >= x[0][0][0].length) return padValue;
            return x[n][c][y][xx];
        }

        /** out[n][o][i][j] = b[o] + sum_c,p,q w[o][c][p][q] * xpad[n][c][i*sh + p*dh - top][j*sw + q*dw - left]. */
        public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
            int n = x.length, c = x[0].length, o = w.length;
            double[][][][] out = new double[n][o][outH][outW];
            for (int e = 0; e < n; e++) for (int f = 0; f < o; f++) for (int i = 0; i < outH; i++) for (int j = 0; j < outW; j++) {
                double s = b == null ? 0 : b[f];
                for (int ch = 0; ch < c; ch++) for (int p = 0; p < kh; p++) for (int q = 0; q < kw; q++)
                    s += w[f][ch][p][q] * at(x, e, ch, i * sh + p * dh - padTop, j * sw + q * dw - padLeft);
                out[e][f][i][j] = s;
            }
            return out;
        }

        /** dL/dw for the given dL/dout. */
        public double[][][][] weightGradient(double[][][][] x, double[][][][] delta, int c) {
            int n = x.length, o = delta[0].length;
            double[][][][] g = new double[o][c][kh][kw];
            for (int e = 0; e < n; e++) for (int f = 0; f < o; f++) for (int i = 0; i < outH; i++) for (int j = 0; j < outW; j++)
                for (int ch = 0; ch < c; ch++) for (int p = 0; p < kh; p++) for (int q = 0; q < kw; q++)
                    g[f][ch][p][q] += delta[e][f][i][j] * at(x, e, ch, i * sh + p * dh - padTop, j * sw + q * dw - padLeft);
            return g;
        }

        /** dL/dx for the given dL/dout (padding taps receive nothing: they are not inputs). */
        public double[][][][] inputGradient(double[][][][] x, double[][][][] w, double[][][][] delta) {
            int n = x.length, c = x[0].length, h = x[0][0].length, wd = x[0][0][0].length, o = w.length;
            double[][][][] g = new double[n][c][h][wd];
            for (int e = 0; e < n; e++) for (int f = 0; f < o; f++) for (int i = 0; i < outH; i++) for (int j = 0; j < outW; j++)
                for (int ch = 0; ch < c; ch++) for (int p = 0; p < kh; p++) for (int q = 0; q < kw; q++) {
                    int y = i * sh + p * dh - padTop, xx = j * sw + q * dw - padLeft;
                    if (y >= 0 && xx >= 0 && y < h && xx < wd) g[e][ch][y][xx] += delta[e][f][i][j] * w[f][ch][p][q];
                }
            return g;
        }
    }
}
