package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.quantizers.ApproxSign;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.quantizers.StochasticSign;
import org.bnn4j.nn.testutil.Reference;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.bnn4j.nn.testutil.Arrays4d.assertClose;
import static org.bnn4j.nn.testutil.Arrays4d.toJava2d;
import static org.junit.jupiter.api.Assertions.*;

/** BinaryDenseLayer's forward pass and gradients against an independent reference built from the definitions. */
class BinaryDenseLayerTest {
    private static final int N = 6, N_IN = 9, N_OUT = 5;

    private static double[][] randomMatrix(long seed, int rows, int cols, double scale) {
        Random r = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = (r.nextDouble() * 2 - 1) * scale;
        return m;
    }

    private static SingleLayer layer(Quantizer input, Quantizer kernel, boolean bias, Activation activation) {
        BinaryDenseLayer conf = new BinaryDenseLayer.Builder().nIn(N_IN).nOut(N_OUT)
                .inputQuantizer(input).kernelQuantizer(kernel).hasBias(bias).activation(activation).build();
        SingleLayer l = new SingleLayer(conf, DataType.DOUBLE, 123);
        // Latent weights spread beyond the clip range so the saturated STE has something to cut.
        l.param("W").assign(Nd4j.create(randomMatrix(7, N_IN, N_OUT, 1.4)));
        if (bias) l.param("b").assign(Nd4j.create(randomMatrix(8, 1, N_OUT, 0.5)));
        return l;
    }

    /** q(W) from the definitions: sign, or alpha_j * sign for MagnitudeAwareSign, or W itself. */
    private static double[][] quantizedKernel(double[][] w, Quantizer q) {
        double[][] out = new double[w.length][w[0].length];
        double[] alpha = Reference.columnMeanAbs(w);
        for (int i = 0; i < w.length; i++) for (int j = 0; j < w[0].length; j++) {
            if (q instanceof Identity) out[i][j] = w[i][j];
            else if (q instanceof MagnitudeAwareSign) out[i][j] = alpha[j] * Reference.sign(w[i][j]);
            else if (q instanceof SteTernary) out[i][j] = Reference.ternary(w[i][j], -0.5, 0.5);
            else out[i][j] = Reference.sign(w[i][j]);
        }
        return out;
    }

    /** dL/dW from dL/dq(W) through each kernel quantizer's STE, from the definitions. */
    private static double[][] kernelSte(double[][] w, double[][] gq, Quantizer q) {
        double[][] out = new double[w.length][w[0].length];
        double[] alpha = Reference.columnMeanAbs(w);
        for (int i = 0; i < w.length; i++) for (int j = 0; j < w[0].length; j++) {
            double inside = Math.abs(w[i][j]) <= 1 ? 1 : 0;
            if (q instanceof Identity) out[i][j] = gq[i][j];
            else if (q instanceof MagnitudeAwareSign) out[i][j] = alpha[j] * inside * gq[i][j];
            else out[i][j] = inside * gq[i][j];
        }
        return out;
    }

    @Test
    void forwardAndBackwardMatchTheDefinitions() {
        Quantizer[][] cases = {
                {null, new SteSign()},                   // BinaryNet first layer: real pixels, binary weights
                {new SteSign(), new SteSign()},           // BinaryNet hidden layer
                {new SteSign(), new MagnitudeAwareSign()}, // XNOR-Net weights
                {new ApproxSign(), new Identity()},       // binary activations, float weights
                {null, new Identity()},                   // plain dense layer
                {new SteSign(), new SteTernary()},        // TernaryConnect weights, binary activations
        };
        for (Quantizer[] c : cases) {
            for (boolean bias : new boolean[]{true, false}) {
                String what = "input=" + c[0] + ", kernel=" + c[1] + ", bias=" + bias;
                SingleLayer l = layer(c[0], c[1], bias, Activation.IDENTITY);
                double[][] x = randomMatrix(1, N, N_IN, 1.5);
                double[][] w = toJava2d(l.param("W"));
                double[] b = bias ? l.param("b").toDoubleVector() : null;
                double[][] xq = x;
                if (c[0] != null) {
                    xq = new double[N][];
                    for (int i = 0; i < N; i++) xq[i] = Reference.sign(x[i]);
                }
                double[][] wq = quantizedKernel(w, c[1]);

                INDArray out = l.forward(Nd4j.create(x), false);
                assertClose(Reference.dense(xq, wq, b), out, 1e-12, "forward, " + what);

                double[][] eps = randomMatrix(2, N, N_OUT, 1.0);
                Pair<Gradient, INDArray> g = l.backward(Nd4j.create(x), Nd4j.create(eps));
                // dL/dq(W) = xq^T eps, dL/dq(x) = eps wq^T, dL/db = column sums of eps
                double[][] gwq = new double[N_IN][N_OUT];
                double[][] gxq = new double[N][N_IN];
                for (int n = 0; n < N; n++) for (int i = 0; i < N_IN; i++) for (int o = 0; o < N_OUT; o++) {
                    gwq[i][o] += xq[n][i] * eps[n][o];
                    gxq[n][i] += eps[n][o] * wq[i][o];
                }
                double[][] gx = new double[N][N_IN];
                for (int n = 0; n < N; n++) for (int i = 0; i < N_IN; i++)
                    gx[n][i] = c[0] == null ? gxq[n][i]
                            : c[0] instanceof ApproxSign ? gxq[n][i] * Math.max(0, 2 - 2 * Math.abs(x[n][i]))
                            : gxq[n][i] * (Math.abs(x[n][i]) <= 1 ? 1 : 0);
                assertClose(kernelSte(w, gwq, c[1]), g.getFirst().getGradientFor("W"), 1e-12, "dL/dW, " + what);
                assertClose(gx, g.getSecond(), 1e-12, "dL/dx, " + what);
                if (bias) {
                    double[] gb = new double[N_OUT];
                    for (double[] row : eps) for (int o = 0; o < N_OUT; o++) gb[o] += row[o];
                    assertClose(gb, g.getFirst().getGradientFor("b"), 1e-12, "dL/db, " + what);
                } else {
                    assertNull(g.getFirst().getGradientFor("b"));
                    assertEquals(N_IN * N_OUT, l.layer.numParams());
                }
            }
        }
    }

    @Test
    void nonIdentityActivationIsAppliedAndDifferentiated() {
        SingleLayer l = layer(new SteSign(), new SteSign(), true, Activation.TANH);
        double[][] x = randomMatrix(3, N, N_IN, 1.0);
        double[][] z = Reference.dense(signRows(x), quantizedKernel(toJava2d(l.param("W")), new SteSign()), l.param("b").toDoubleVector());
        double[][] a = new double[N][N_OUT];
        double[][] eps = randomMatrix(4, N, N_OUT, 1.0);
        double[] gb = new double[N_OUT];
        for (int n = 0; n < N; n++) for (int o = 0; o < N_OUT; o++) {
            a[n][o] = Math.tanh(z[n][o]);
            gb[o] += eps[n][o] * (1 - a[n][o] * a[n][o]);
        }
        assertClose(a, l.forward(Nd4j.create(x), false), 1e-12, "tanh(z)");
        assertClose(gb, l.backward(Nd4j.create(x), Nd4j.create(eps)).getFirst().getGradientFor("b"), 1e-12, "dL/db through tanh");
    }

    private static double[][] signRows(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) out[i] = Reference.sign(x[i]);
        return out;
    }

    @Test
    void forwardSeesExactlyPlusMinusOneOrPlusMinusAlpha() {
        // With the identity matrix as input (no input quantizer, no bias) the output is q(W) itself.
        INDArray eye = Nd4j.eye(N_IN).castTo(DataType.DOUBLE);
        INDArray binary = layer(null, new SteSign(), false, Activation.IDENTITY).forward(eye, false);
        assertTrue(org.nd4j.linalg.ops.transforms.Transforms.abs(binary, true).eq(1).all(), "sign kernel must be exactly +-1: " + binary);

        SingleLayer xnor = layer(null, new MagnitudeAwareSign(), false, Activation.IDENTITY);
        INDArray scaled = xnor.forward(eye, false);
        double[] alpha = Reference.columnMeanAbs(toJava2d(xnor.param("W")));
        for (int j = 0; j < N_OUT; j++) {
            INDArray column = scaled.getColumn(j);
            INDArray magnitudes = org.nd4j.linalg.ops.transforms.Transforms.abs(column, true);
            assertEquals(alpha[j], magnitudes.minNumber().doubleValue(), 1e-12);
            assertEquals(alpha[j], magnitudes.maxNumber().doubleValue(), 1e-12);
        }
    }

    @Test
    void stochasticKernelUsesTheSameSampleInForwardAndBackward() {
        SingleLayer l = layer(null, new StochasticSign(9), false, Activation.IDENTITY);
        INDArray eye = Nd4j.eye(N_IN).castTo(DataType.DOUBLE);
        INDArray sampled = l.forward(eye, true);     // q(W) as sampled in this iteration's forward pass
        INDArray eps = Nd4j.create(randomMatrix(5, N_IN, N_OUT, 1.0));
        INDArray gx = l.backward(eye, eps).getSecond();
        // dL/dx = eps q(W)^T must use that same sample.
        assertEquals(eps.mmul(sampled.transpose()), gx);
        assertNotEquals(sampled, l.forward(eye, false), "inference uses the deterministic sign");
    }
}
