package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.TernaryDenseLayer;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.testutil.Reference;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Random;

import static org.bnn4j.nn.testutil.Arrays4d.assertClose;
import static org.bnn4j.nn.testutil.Arrays4d.toJava2d;
import static org.junit.jupiter.api.Assertions.*;

/**
 * TernaryDenseLayer against Trained Ternary Quantization's definitions (Zhu et al. 2017: the ternary weights,
 * the scales' gradients and the latent weights' gradient), written in plain Java.
 */
class TernaryDenseLayerTest {
    private static final int N = 6, N_IN = 9, N_OUT = 5;
    private static final double WP = 1.3, WN = 0.7;

    private static double[][] randomMatrix(long seed, int rows, int cols, double scale) {
        Random r = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = (r.nextDouble() * 2 - 1) * scale;
        return m;
    }

    private static SingleLayer layer(Quantizer input, boolean bias, double thresholdFactor) {
        TernaryDenseLayer conf = new TernaryDenseLayer.Builder().nIn(N_IN).nOut(N_OUT)
                .inputQuantizer(input).hasBias(bias).thresholdFactor(thresholdFactor).build();
        SingleLayer l = new SingleLayer(conf, DataType.DOUBLE, 123);
        l.param("W").assign(Nd4j.create(randomMatrix(7, N_IN, N_OUT, 0.9)));
        l.param("Wp").assign(WP);
        l.param("Wn").assign(WN);
        if (bias) l.param("b").assign(Nd4j.create(randomMatrix(8, 1, N_OUT, 0.5)));
        return l;
    }

    @Test
    void parametersAreKernelBiasAndTwoScalesStartingAtOne() {
        for (boolean bias : new boolean[]{true, false}) {
            TernaryDenseLayer conf = new TernaryDenseLayer.Builder().nIn(N_IN).nOut(N_OUT).hasBias(bias).build();
            SingleLayer l = new SingleLayer(conf, DataType.FLOAT, 1);
            assertEquals(bias ? Arrays.asList("W", "b", "Wp", "Wn") : Arrays.asList("W", "Wp", "Wn"),
                    new java.util.ArrayList<>(l.layer.paramTable().keySet()));
            assertEquals(N_IN * N_OUT + (bias ? N_OUT : 0) + 2, l.layer.numParams());
            assertEquals(1.0, l.param("Wp").getDouble(0));
            assertEquals(1.0, l.param("Wn").getDouble(0));
            assertInstanceOf(QuantizedDenseLayer.class, l.layer, "the general dense layer, TTQ being its quantizer");
        }
    }

    @Test
    void forwardAndBackwardFollowThePaper() {
        for (Quantizer input : new Quantizer[]{null, new SteSign()}) for (boolean bias : new boolean[]{true, false})
            for (double t : new double[]{0.05, 0.3}) {
                String what = "input=" + input + ", bias=" + bias + ", t=" + t;
                SingleLayer l = layer(input, bias, t);
                double[][] x = randomMatrix(1, N, N_IN, 1.5);
                double[][] w = toJava2d(l.param("W"));
                double[] b = bias ? l.param("b").toDoubleVector() : null;
                double[][] xq = x;
                if (input != null) {
                    xq = new double[N][];
                    for (int i = 0; i < N; i++) xq[i] = Reference.sign(x[i]);
                }
                double delta = Reference.ttqThreshold(Arrays.stream(w).flatMapToDouble(Arrays::stream).toArray(), t);
                double[][] wt = new double[N_IN][N_OUT];
                for (int i = 0; i < N_IN; i++) for (int o = 0; o < N_OUT; o++) wt[i][o] = Reference.ttqWeight(w[i][o], delta, WP, WN);

                assertClose(Reference.dense(xq, wt, b), l.forward(Nd4j.create(x), false), 1e-12, "forward, " + what);

                double[][] eps = randomMatrix(2, N, N_OUT, 1.0);
                Pair<Gradient, INDArray> g = l.backward(Nd4j.create(x), Nd4j.create(eps));
                double[][] gwt = new double[N_IN][N_OUT];   // dL/dw_t = xq^T eps
                double[][] gxq = new double[N][N_IN];       // dL/dxq = eps w_t^T
                for (int n = 0; n < N; n++) for (int i = 0; i < N_IN; i++) for (int o = 0; o < N_OUT; o++) {
                    gwt[i][o] += xq[n][i] * eps[n][o];
                    gxq[n][i] += eps[n][o] * wt[i][o];
                }
                double[][] gw = new double[N_IN][N_OUT];
                double dWp = 0, dWn = 0;
                for (int i = 0; i < N_IN; i++) for (int o = 0; o < N_OUT; o++) {
                    gw[i][o] = Reference.ttqLatentFactor(w[i][o], delta, WP, WN) * gwt[i][o];
                    if (w[i][o] > delta) dWp += gwt[i][o];
                    if (w[i][o] < -delta) dWn -= gwt[i][o]; // the negative level is -Wn
                }
                double[][] gx = new double[N][N_IN];
                for (int n = 0; n < N; n++) for (int i = 0; i < N_IN; i++)
                    gx[n][i] = input == null ? gxq[n][i] : gxq[n][i] * (Math.abs(x[n][i]) <= 1 ? 1 : 0);

                assertClose(gw, g.getFirst().getGradientFor("W"), 1e-12, "dL/dW, " + what);
                assertEquals(dWp, g.getFirst().getGradientFor("Wp").getDouble(0), 1e-12, "dL/dWp, " + what);
                assertEquals(dWn, g.getFirst().getGradientFor("Wn").getDouble(0), 1e-12, "dL/dWn, " + what);
                assertClose(gx, g.getSecond(), 1e-12, "dL/dx, " + what);
                if (bias) {
                    double[] gb = new double[N_OUT];
                    for (double[] row : eps) for (int o = 0; o < N_OUT; o++) gb[o] += row[o];
                    assertClose(gb, g.getFirst().getGradientFor("b"), 1e-12, "dL/db, " + what);
                }
                assertNotEquals(0.0, dWp, what);
                assertNotEquals(0.0, dWn, what);
            }
    }

    @Test
    void scaleGradientsAreTheTrueDerivativesOfTheLoss() {
        // Wp and Wn enter the output smoothly, so finite differences check their gradients, and with them the
        // sign convention for Wn, independently of the formulas.
        SingleLayer l = layer(null, true, 0.2);
        INDArray x = Nd4j.create(randomMatrix(3, N, N_IN, 1.0));
        INDArray eps = Nd4j.create(randomMatrix(4, N, N_OUT, 1.0));
        Gradient g = l.backward(x, eps).getFirst();
        for (String scale : new String[]{"Wp", "Wn"}) {
            double numerical = l.numericalGradientOfScalar(scale, x, eps, 1e-6);
            assertEquals(numerical, g.getGradientFor(scale).getDouble(0), 1e-7, scale);
            assertTrue(Math.abs(numerical) > 1e-3, scale + " must matter: " + numerical);
        }
    }
}
