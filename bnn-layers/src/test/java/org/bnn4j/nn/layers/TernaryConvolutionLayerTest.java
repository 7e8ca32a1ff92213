package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.bnn4j.nn.testutil.Reference;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.stream.Stream;

import static org.bnn4j.nn.testutil.Arrays4d.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * TernaryConvolutionLayer against Trained Ternary Quantization's definitions (Zhu et al. 2017) on
 * top of the naive reference convolution, in the padding modes the native path handles differently.
 */
class TernaryConvolutionLayerTest {
    private static final int N = 2, C = 3, O = 4;
    private static final double WP = 0.8, WN = 1.4;

    static Stream<Arguments> geometries() {
        // mode, inH, inW, kH, kW, sH, sW, pH, pW, dH, dW, padValue
        return Stream.of(
                Arguments.of("Truncate", 7, 6, 3, 3, 1, 1, 0, 0, 1, 1, 0.0),
                Arguments.of("Truncate", 8, 8, 3, 3, 2, 2, 1, 1, 1, 1, 0.0),   // padding passed to the op
                Arguments.of("Same", 8, 7, 3, 3, 2, 1, 0, 0, 1, 1, 0.0),       // asymmetric padding
                Arguments.of("Same", 9, 8, 3, 3, 1, 1, 0, 0, 2, 1, -1.0));     // dilation, explicit ±1 padding
    }

    private static double[][][][] random4d(long seed, int a, int b, int c, int d, double scale) {
        Random r = new Random(seed);
        double[][][][] out = new double[a][b][c][d];
        for (double[][][] x : out) for (double[][] y : x) for (double[] z : y) for (int i = 0; i < d; i++) z[i] = (r.nextDouble() * 2 - 1) * scale;
        return out;
    }

    private static SingleLayer layer(TernaryConvolutionLayer.Builder builder, int kH, int kW, boolean bias) {
        SingleLayer l = new SingleLayer(builder.nIn(C).nOut(O).hasBias(bias).build(), DataType.DOUBLE, 42);
        l.param("W").assign(fromJava(random4d(3, O, C, kH, kW, 0.9), DataType.DOUBLE));
        l.param("Wp").assign(WP);
        l.param("Wn").assign(WN);
        if (bias) l.param("b").assign(Nd4j.rand(DataType.DOUBLE, 1, O).subi(0.5));
        return l;
    }

    @ParameterizedTest(name = "{0} in={1}x{2} k={3}x{4} s={5},{6} p={7},{8} d={9},{10} padValue={11}")
    @MethodSource("geometries")
    void forwardAndBackwardFollowThePaper(String mode, int inH, int inW, int kH, int kW, int sH, int sW,
                                          int pH, int pW, int dH, int dW, double padValue) {
        for (boolean bias : new boolean[]{true, false}) {
            String what = mode + ", bias=" + bias;
            SingleLayer l = layer(new TernaryConvolutionLayer.Builder(kH, kW).stride(sH, sW).padding(pH, pW).dilation(dH, dW)
                    .convolutionMode(ConvolutionMode.valueOf(mode)).padValue(padValue).thresholdFactor(0.25), kH, kW, bias);
            double[] b = bias ? l.param("b").toDoubleVector() : null;
            double[][][][] x = random4d(5, N, C, inH, inW, 1.5);
            double[][][][] w = toJava4d(l.param("W"));
            double delta = 0;
            for (double[][][] a : w) for (double[][] c : a) for (double[] row : c) delta = Math.max(delta, Reference.ttqThreshold(row, 0.25));
            double[][][][] wt = new double[O][C][kH][kW];
            for (int o = 0; o < O; o++) for (int c = 0; c < C; c++) for (int p = 0; p < kH; p++) for (int q = 0; q < kW; q++)
                wt[o][c][p][q] = Reference.ttqWeight(w[o][c][p][q], delta, WP, WN);
            Reference.Conv ref = new Reference.Conv(mode, inH, inW, kH, kW, sH, sW, pH, pW, dH, dW, padValue);

            INDArray out = l.forward(fromJava(x, DataType.DOUBLE), false);
            assertArrayEquals(new long[]{N, O, ref.outH, ref.outW}, out.shape(), "output shape, " + what);
            assertClose(ref.forward(x, wt, b), out, 1e-10, "forward (real-valued input), " + what);

            double[][][][] eps = random4d(6, N, O, ref.outH, ref.outW, 1.0);
            Pair<Gradient, INDArray> g = l.backward(fromJava(x, DataType.DOUBLE), fromJava(eps, DataType.DOUBLE));
            double[][][][] gwt = ref.weightGradient(x, eps, C);
            double[][][][] gw = new double[O][C][kH][kW];
            double dWp = 0, dWn = 0;
            for (int o = 0; o < O; o++) for (int c = 0; c < C; c++) for (int p = 0; p < kH; p++) for (int q = 0; q < kW; q++) {
                double wi = w[o][c][p][q];
                gw[o][c][p][q] = Reference.ttqLatentFactor(wi, delta, WP, WN) * gwt[o][c][p][q];
                if (wi > delta) dWp += gwt[o][c][p][q];
                if (wi < -delta) dWn -= gwt[o][c][p][q]; // the negative level is -Wn
            }
            assertClose(gw, g.getFirst().getGradientFor("W"), 1e-10, "dL/dW, " + what);
            assertEquals(dWp, g.getFirst().getGradientFor("Wp").getDouble(0), 1e-10, "dL/dWp, " + what);
            assertEquals(dWn, g.getFirst().getGradientFor("Wn").getDouble(0), 1e-10, "dL/dWn, " + what);
            assertClose(ref.inputGradient(x, wt, eps), g.getSecond(), 1e-10, "dL/dx, " + what);
            if (bias) {
                assertClose(Reference.channelSums(eps), g.getFirst().getGradientFor("b"), 1e-10, "dL/db, " + what);
            }
        }
    }

    @Test
    void scaleGradientsAreTheTrueDerivativesOfTheLoss() {
        SingleLayer l = layer(new TernaryConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same), 3, 3, true);
        INDArray x = fromJava(random4d(7, N, C, 6, 5, 1.0), DataType.DOUBLE);
        INDArray eps = fromJava(random4d(8, N, O, 6, 5, 1.0), DataType.DOUBLE);
        Gradient g = l.backward(x, eps).getFirst();
        for (String scale : new String[]{"Wp", "Wn"}) {
            double numerical = l.numericalGradientOfScalar(scale, x, eps, 1e-6);
            assertEquals(numerical, g.getGradientFor(scale).getDouble(0), 1e-7, scale);
            assertTrue(Math.abs(numerical) > 1e-3, scale + " must matter: " + numerical);
        }
    }

    @Test
    void defaultsAreRealInputsAndTheNativePathOfXnorConvolution() {
        TernaryConvolutionLayer conf = new TernaryConvolutionLayer.Builder(3, 3).nOut(O).build();
        assertNull(conf.getInputQuantizer(), "TTQ quantizes weights only");
        assertEquals(0.05, conf.getThresholdFactor());
        SingleLayer l = new SingleLayer(new TernaryConvolutionLayer.Builder(3, 3).nIn(C).nOut(O).build(), DataType.FLOAT, 1);
        assertInstanceOf(QuantizedConvolutionLayer.class, l.layer, "the general native convolution, TTQ being its quantizer");
        assertEquals(1.0, l.param("Wp").getDouble(0));
        assertEquals(1.0, l.param("Wn").getDouble(0));
        assertEquals(C * O * 9 + O + 2, l.layer.numParams());
    }
}
