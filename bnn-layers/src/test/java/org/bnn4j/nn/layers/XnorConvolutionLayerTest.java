package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.testutil.Reference;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.stream.Stream;

import static org.bnn4j.nn.testutil.Arrays4d.*;
import static org.junit.jupiter.api.Assertions.*;

/** XnorConvolutionLayer against a naive convolution written from the definitions, in every padding mode. */
class XnorConvolutionLayerTest {
    private static final int N = 2, C = 3, O = 4;

    static Stream<Arguments> geometries() {
        // mode, inH, inW, kH, kW, sH, sW, pH, pW, dH, dW, padValue
        return Stream.of(
                Arguments.of("Truncate", 7, 6, 3, 3, 1, 1, 0, 0, 1, 1, 0.0),
                Arguments.of("Truncate", 7, 6, 3, 2, 2, 1, 1, 1, 1, 1, 0.0),
                Arguments.of("Truncate", 8, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1.0),
                Arguments.of("Truncate", 9, 7, 3, 3, 1, 1, 2, 1, 2, 2, -1.0),
                Arguments.of("Strict", 7, 7, 3, 3, 2, 2, 0, 0, 1, 1, 0.0),
                Arguments.of("Same", 7, 6, 3, 3, 1, 1, 0, 0, 1, 1, 0.0),
                Arguments.of("Same", 8, 8, 3, 3, 2, 2, 0, 0, 1, 1, 0.0),   // asymmetric padding
                Arguments.of("Same", 8, 7, 2, 2, 1, 1, 0, 0, 1, 1, 1.0),   // even kernel
                Arguments.of("Same", 9, 8, 3, 3, 2, 1, 0, 0, 2, 1, -1.0)); // dilation
    }





    @ParameterizedTest(name = "{0} in={1}x{2} k={3}x{4} s={5},{6} p={7},{8} d={9},{10} padValue={11}")
    @MethodSource("geometries")
    void forwardAndBackwardMatchTheDefinitions(String mode, int inH, int inW, int kH, int kW, int sH, int sW,
                                               int pH, int pW, int dH, int dW, double padValue) {
        Quantizer[][] cases = {
                {new SteSign(), new MagnitudeAwareSign()}, // XNOR-Net
                {new SteSign(), new SteSign()},            // BinaryNet-style conv
                {new Identity(), new Identity()},          // full-precision twin
        };
        for (Quantizer[] c : cases) {
            for (boolean bias : new boolean[]{true, false}) {
                String what = mode + ", input=" + c[0] + ", kernel=" + c[1] + ", bias=" + bias;
                XnorConvolutionLayer conf = new XnorConvolutionLayer.Builder(kH, kW).stride(sH, sW).padding(pH, pW)
                        .dilation(dH, dW).convolutionMode(ConvolutionMode.valueOf(mode)).padValue(padValue)
                        .nIn(C).nOut(O).hasBias(bias).inputQuantizer(c[0]).kernelQuantizer(c[1]).build();
                SingleLayer l = new SingleLayer(conf, DataType.DOUBLE, 42);
                l.param("W").assign(fromJava(random4d(3, O, C, kH, kW, 1.3), DataType.DOUBLE));
                double[] b = null;
                if (bias) {
                    l.param("b").assign(Nd4j.rand(DataType.DOUBLE, 1, O).subi(0.5));
                    b = l.param("b").toDoubleVector();
                }
                double[][][][] x = random4d(5, N, C, inH, inW, 1.5);
                double[][][][] w = toJava4d(l.param("W"));
                double[][][][] xq = c[0] instanceof Identity ? x : map(x, Reference::sign);
                double[][][][] wq = Reference.byDefinition(w, c[1]);
                Reference.Conv ref = new Reference.Conv(mode, inH, inW, kH, kW, sH, sW, pH, pW, dH, dW, padValue);

                INDArray out = l.forward(fromJava(x, DataType.DOUBLE), false);
                assertArrayEquals(new long[]{N, O, ref.outH, ref.outW}, out.shape(), "output shape, " + what);
                assertClose(ref.forward(xq, wq, b), out, 1e-10, "forward, " + what);

                double[][][][] eps = random4d(6, N, O, ref.outH, ref.outW, 1.0);
                Pair<Gradient, INDArray> g = l.backward(fromJava(x, DataType.DOUBLE), fromJava(eps, DataType.DOUBLE));
                double[][][][] gwq = ref.weightGradient(xq, eps, C);
                double[][][][] gxq = ref.inputGradient(xq, wq, eps);
                double[][][][] gw = new double[O][C][kH][kW];
                for (int o = 0; o < O; o++) {
                    double alpha = c[1] instanceof MagnitudeAwareSign ? wq[o][0][0][0] * Reference.sign(w[o][0][0][0]) : 1;
                    for (int ch = 0; ch < C; ch++) for (int p = 0; p < kH; p++) for (int q = 0; q < kW; q++)
                        gw[o][ch][p][q] = c[1] instanceof Identity ? gwq[o][ch][p][q]
                                : (Math.abs(w[o][ch][p][q]) <= 1 ? alpha * gwq[o][ch][p][q] : 0);
                }
                double[][][][] gx = new double[N][C][inH][inW];
                for (int e = 0; e < N; e++) for (int ch = 0; ch < C; ch++) for (int y = 0; y < inH; y++) for (int xx = 0; xx < inW; xx++)
                    gx[e][ch][y][xx] = c[0] instanceof Identity ? gxq[e][ch][y][xx]
                            : (Math.abs(x[e][ch][y][xx]) <= 1 ? gxq[e][ch][y][xx] : 0);
                assertClose(gw, g.getFirst().getGradientFor("W"), 1e-10, "dL/dW, " + what);
                assertClose(gx, g.getSecond(), 1e-10, "dL/dx, " + what);
                if (bias) {
                    assertClose(Reference.channelSums(eps), g.getFirst().getGradientFor("b"), 1e-10, "dL/db, " + what);
                }
            }
        }
    }

    /** Float runs through oneDNN, double does not; both must agree, dilated kernels included. */
    @ParameterizedTest(name = "dilation {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void floatNetworksGetTheSameAnswerAsDouble(int dilation) {
        XnorConvolutionLayer conf = new XnorConvolutionLayer.Builder(3, 3).convolutionMode(ConvolutionMode.Same)
                .dilation(dilation, dilation).nIn(C).nOut(O).padValue(1.0).build();
        SingleLayer d = new SingleLayer(conf, DataType.DOUBLE, 1);
        SingleLayer f = new SingleLayer(conf, DataType.FLOAT, 1);
        f.param("W").assign(d.param("W"));
        f.param("b").assign(d.param("b"));
        INDArray x = fromJava(random4d(9, N, C, 7, 6, 1.0), DataType.DOUBLE);
        INDArray outD = d.forward(x, false);
        INDArray outF = f.forward(x.castTo(DataType.FLOAT), false);
        assertEquals(DataType.FLOAT, outF.dataType());
        assertTrue(Transforms.abs(outD.sub(outF.castTo(DataType.DOUBLE)), false).maxNumber().doubleValue() < 1e-5);

        INDArray eps = fromJava(random4d(10, N, O, 7, 6, 1.0), DataType.DOUBLE);
        Pair<Gradient, INDArray> gd = d.backward(x, eps);
        Pair<Gradient, INDArray> gf = f.backward(x.castTo(DataType.FLOAT), eps.castTo(DataType.FLOAT));
        for (String key : new String[]{"W", "b"}) {
            INDArray diff = gd.getFirst().getGradientFor(key).sub(gf.getFirst().getGradientFor(key).castTo(DataType.DOUBLE));
            assertTrue(Transforms.abs(diff, false).maxNumber().doubleValue() < 1e-4, "dL/d" + key);
        }
        INDArray dx = gd.getSecond().sub(gf.getSecond().castTo(DataType.DOUBLE));
        assertTrue(Transforms.abs(dx, false).maxNumber().doubleValue() < 1e-4, "dL/dx");
    }

    @Test
    void forwardSeesPlusMinusAlphaPerOutputChannel() {
        // A one-hot input with an Identity input quantizer reads the effective kernel straight out.
        XnorConvolutionLayer conf = new XnorConvolutionLayer.Builder(3, 3).nIn(1).nOut(O).hasBias(false)
                .convolutionMode(ConvolutionMode.Same).inputQuantizer(new Identity()).build();
        SingleLayer l = new SingleLayer(conf, DataType.DOUBLE, 3);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 1, 3, 3);
        x.putScalar(new long[]{0, 0, 1, 1}, 1.0);
        INDArray out = l.forward(x, false); // out[o, i, j] = W_q[o, 0, 2 - i, 2 - j]
        INDArray w = l.param("W");
        for (int o = 0; o < O; o++) {
            double alpha = Transforms.abs(w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(o)), true).meanNumber().doubleValue();
            INDArray channel = Transforms.abs(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(o)), true);
            assertEquals(alpha, channel.minNumber().doubleValue(), 1e-12);
            assertEquals(alpha, channel.maxNumber().doubleValue(), 1e-12);
        }
    }
}
