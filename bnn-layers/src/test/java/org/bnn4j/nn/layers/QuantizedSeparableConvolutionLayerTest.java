package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.bnn4j.nn.testutil.Reference;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.bnn4j.nn.testutil.Arrays4d.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The separable convolution against the definition: the naive depthwise convolution ({@link Reference#depthwiseAsFull}
 * in {@link Reference.Conv}), then the naive 1x1 convolution, then the bias; and the gradients of both kernels and of
 * the input through the chain rule of those two references.
 */
class QuantizedSeparableConvolutionLayerTest {
    private static final int N = 2, C = 3, O = 5;

    @ParameterizedTest(name = "multiplier {0}")
    @ValueSource(ints = {1, 2})
    void forwardAndBackwardMatchTheDefinition(int multiplier) {
        int mid = C * multiplier;
        Quantizer[][] cases = {{new SteSign(), new MagnitudeAwareSign(), new SteSign()},
                {new Identity(), new Identity(), new Identity()}, {new SteSign(), new SteSign(), new Identity()}};
        for (Quantizer[] c : cases) {
            String what = "input=" + c[0] + ", depthwise=" + c[1] + ", pointwise=" + c[2] + ", multiplier=" + multiplier;
            QuantizedSeparableConvolutionLayer conf = new QuantizedSeparableConvolutionLayer.Builder(3, 3).nIn(C).nOut(O)
                    .depthMultiplier(multiplier).convolutionMode(ConvolutionMode.Same).stride(2, 1).padValue(1)
                    .inputQuantizer(c[0]).kernelQuantizer(c[1]).pointwiseQuantizer(c[2]).build();
            SingleLayer l = new SingleLayer(conf, DataType.DOUBLE, 42);
            assertArrayEquals(new long[]{mid, 1, 3, 3}, l.param("W").shape());
            assertArrayEquals(new long[]{O, mid, 1, 1}, l.param("pW").shape());
            l.param("W").assign(fromJava(random4d(3, mid, 1, 3, 3, 1.3), DataType.DOUBLE));
            l.param("pW").assign(fromJava(random4d(4, O, mid, 1, 1, 1.3), DataType.DOUBLE));
            l.param("b").assign(Nd4j.rand(DataType.DOUBLE, 1, O).subi(0.5));
            double[] b = l.param("b").toDoubleVector();
            double[][][][] x = random4d(5, N, C, 7, 6, 1.5);
            double[][][][] w = toJava4d(l.param("W"));
            double[][][][] pw = toJava4d(l.param("pW"));
            double[][][][] xq = Reference.byDefinition(x, c[0]);
            double[][][][] full = Reference.depthwiseAsFull(Reference.byDefinition(w, c[1]), multiplier);
            double[][][][] pq = Reference.byDefinition(pw, c[2]);
            Reference.Conv depthwise = new Reference.Conv("Same", 7, 6, 3, 3, 2, 1, 0, 0, 1, 1, 1.0);
            Reference.Conv pointwise = new Reference.Conv("Truncate", depthwise.outH, depthwise.outW, 1, 1, 1, 1, 0, 0, 1, 1, 0.0);
            double[][][][] y = depthwise.forward(xq, full, null);

            INDArray out = l.forward(fromJava(x, DataType.DOUBLE), false);
            assertClose(pointwise.forward(y, pq, b), out, 1e-10, "forward, " + what);

            double[][][][] eps = random4d(6, N, O, pointwise.outH, pointwise.outW, 1.0);
            Pair<Gradient, INDArray> g = l.backward(fromJava(x, DataType.DOUBLE), fromJava(eps, DataType.DOUBLE));
            double[][][][] gpq = pointwise.weightGradient(y, eps, mid);
            double[][][][] dy = pointwise.inputGradient(y, pq, eps);
            double[][][][] gFull = depthwise.weightGradient(xq, dy, C);
            double[][][][] gxq = depthwise.inputGradient(xq, full, dy);
            double[][][][] gw = new double[mid][1][3][3];
            double[][][][] fullW = Reference.byDefinition(w, c[1]);
            for (int f = 0; f < mid; f++) for (int p = 0; p < 3; p++) for (int q = 0; q < 3; q++) {
                double d = gFull[f][f / multiplier][p][q];
                double alpha = c[1] instanceof MagnitudeAwareSign ? Math.abs(fullW[f][0][0][0]) : 1;
                gw[f][0][p][q] = c[1] instanceof Identity ? d : (Math.abs(w[f][0][p][q]) <= 1 ? alpha * d : 0);
            }
            double[][][][] gpw = map(gpq, v -> v);
            for (int f = 0; f < O; f++) for (int m = 0; m < mid; m++) {
                gpw[f][m][0][0] = c[2] instanceof Identity || Math.abs(pw[f][m][0][0]) <= 1 ? gpq[f][m][0][0] : 0;
            }
            double[][][][] gx = new double[N][C][7][6];
            for (int e = 0; e < N; e++) for (int ch = 0; ch < C; ch++) for (int i = 0; i < 7; i++) for (int j = 0; j < 6; j++)
                gx[e][ch][i][j] = c[0] instanceof Identity || Math.abs(x[e][ch][i][j]) <= 1 ? gxq[e][ch][i][j] : 0;
            assertClose(gw, g.getFirst().getGradientFor("W"), 1e-10, "dL/dW, " + what);
            assertClose(gpw, g.getFirst().getGradientFor("pW"), 1e-10, "dL/dpW, " + what);
            assertClose(gx, g.getSecond(), 1e-10, "dL/dx, " + what);
            assertClose(Reference.channelSums(eps), g.getFirst().getGradientFor("b"), 1e-10, "dL/db, " + what);
        }
    }

    /** Each quantizer owns its parameters; the pointwise one's keys get a "p" so two TTQ quantizers can coexist. */
    @Test
    void bothQuantizersOwnTheirParameters() {
        QuantizedSeparableConvolutionLayer conf = new QuantizedSeparableConvolutionLayer.Builder(3, 3).nIn(C).nOut(O)
                .kernelQuantizer(new TrainedTernary(0.1)).pointwiseQuantizer(new TrainedTernary(0.2)).build();
        SingleLayer l = new SingleLayer(conf, DataType.FLOAT, 1);
        assertEquals(List.of("W", "pW", "b", "Wp", "Wn", "pWp", "pWn"), List.copyOf(l.layer.paramTable().keySet()));
        assertEquals(C * 9 + O * C + O + 4, l.layer.numParams());
        assertEquals(1.0, l.param("pWn").getDouble(0));
    }
}
