package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.QuantizedDepthwiseConvolutionLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.testutil.Reference;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.stream.Stream;

import static org.bnn4j.nn.testutil.Arrays4d.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The depthwise convolution against the definition: a depthwise kernel is an ordinary convolution whose kernel is
 * zero outside each output's own input channel ({@code o / depthMultiplier}, {@link Reference#depthwiseAsFull}), so
 * the naive convolution of {@link Reference.Conv} on that kernel is an independent reference for the forward pass and
 * both gradients.
 */
class QuantizedDepthwiseConvolutionLayerTest {
    private static final int N = 2, C = 3;

    static Stream<Arguments> geometries() {
        // mode, inH, inW, kH, kW, sH, sW, pH, pW, dH, dW, padValue, multiplier
        return Stream.of(
                Arguments.of("Truncate", 7, 6, 3, 3, 1, 1, 0, 0, 1, 1, 0.0, 1),
                Arguments.of("Truncate", 8, 8, 3, 3, 2, 2, 1, 1, 1, 1, 1.0, 2),
                Arguments.of("Same", 7, 6, 3, 3, 1, 1, 0, 0, 1, 1, 0.0, 2),
                Arguments.of("Same", 8, 8, 3, 3, 2, 2, 0, 0, 1, 1, -1.0, 1),   // asymmetric padding
                Arguments.of("Same", 9, 8, 3, 3, 2, 1, 0, 0, 2, 1, 1.0, 3));   // dilation
    }

    @ParameterizedTest(name = "{0} in={1}x{2} k={3}x{4} s={5},{6} p={7},{8} d={9},{10} padValue={11} multiplier={12}")
    @MethodSource("geometries")
    void forwardAndBackwardMatchTheDefinition(String mode, int inH, int inW, int kH, int kW, int sH, int sW,
                                              int pH, int pW, int dH, int dW, double padValue, int multiplier) {
        int o = C * multiplier;
        Quantizer[][] cases = {{new SteSign(), new MagnitudeAwareSign()}, {new SteSign(), new SteSign()},
                {new Identity(), new Identity()}};
        for (Quantizer[] c : cases) {
            String what = mode + ", input=" + c[0] + ", kernel=" + c[1] + ", multiplier=" + multiplier;
            QuantizedDepthwiseConvolutionLayer conf = new QuantizedDepthwiseConvolutionLayer.Builder(kH, kW)
                    .depthMultiplier(multiplier).stride(sH, sW).padding(pH, pW).dilation(dH, dW)
                    .convolutionMode(ConvolutionMode.valueOf(mode)).padValue(padValue).nIn(C)
                    .inputQuantizer(c[0]).kernelQuantizer(c[1]).build();
            assertEquals(o, conf.getNOut());
            SingleLayer l = new SingleLayer(conf, DataType.DOUBLE, 42);
            assertArrayEquals(new long[]{o, 1, kH, kW}, l.param("W").shape());
            l.param("W").assign(fromJava(random4d(3, o, 1, kH, kW, 1.3), DataType.DOUBLE));
            l.param("b").assign(Nd4j.rand(DataType.DOUBLE, 1, o).subi(0.5));
            double[] b = l.param("b").toDoubleVector();
            double[][][][] x = random4d(5, N, C, inH, inW, 1.5);
            double[][][][] w = toJava4d(l.param("W"));
            double[][][][] xq = c[0] instanceof Identity ? x : map(x, Reference::sign);
            double[][][][] wq = Reference.byDefinition(w, c[1]);
            double[][][][] full = Reference.depthwiseAsFull(wq, multiplier);
            Reference.Conv ref = new Reference.Conv(mode, inH, inW, kH, kW, sH, sW, pH, pW, dH, dW, padValue);

            INDArray out = l.forward(fromJava(x, DataType.DOUBLE), false);
            assertArrayEquals(new long[]{N, o, ref.outH, ref.outW}, out.shape(), "output shape, " + what);
            assertClose(ref.forward(xq, full, b), out, 1e-10, "forward, " + what);

            double[][][][] eps = random4d(6, N, o, ref.outH, ref.outW, 1.0);
            Pair<Gradient, INDArray> g = l.backward(fromJava(x, DataType.DOUBLE), fromJava(eps, DataType.DOUBLE));
            double[][][][] gFull = ref.weightGradient(xq, eps, C);
            double[][][][] gxq = ref.inputGradient(xq, full, eps);
            double[][][][] gw = new double[o][1][kH][kW];
            for (int f = 0; f < o; f++) {
                double alpha = c[1] instanceof MagnitudeAwareSign ? Math.abs(wq[f][0][0][0]) : 1;
                for (int p = 0; p < kH; p++) for (int q = 0; q < kW; q++) {
                    double d = gFull[f][f / multiplier][p][q];
                    gw[f][0][p][q] = c[1] instanceof Identity ? d : (Math.abs(w[f][0][p][q]) <= 1 ? alpha * d : 0);
                }
            }
            double[][][][] gx = new double[N][C][inH][inW];
            for (int e = 0; e < N; e++) for (int ch = 0; ch < C; ch++) for (int y = 0; y < inH; y++) for (int xx = 0; xx < inW; xx++)
                gx[e][ch][y][xx] = c[0] instanceof Identity ? gxq[e][ch][y][xx]
                        : (Math.abs(x[e][ch][y][xx]) <= 1 ? gxq[e][ch][y][xx] : 0);
            assertClose(gw, g.getFirst().getGradientFor("W"), 1e-10, "dL/dW, " + what);
            assertClose(gx, g.getSecond(), 1e-10, "dL/dx, " + what);
            assertClose(Reference.channelSums(eps), g.getFirst().getGradientFor("b"), 1e-10, "dL/db, " + what);
        }
    }

    /** Float data runs through oneDNN's depthwise path, double does not; both must agree. */
    @Test
    void floatAgreesWithDouble() {
        QuantizedDepthwiseConvolutionLayer conf = new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).depthMultiplier(2)
                .convolutionMode(ConvolutionMode.Same).dilation(2, 1).nIn(C).inputQuantizer(new SteSign())
                .kernelQuantizer(new SteSign()).padValue(1).build();
        SingleLayer d = new SingleLayer(conf, DataType.DOUBLE, 7);
        SingleLayer f = new SingleLayer(conf, DataType.FLOAT, 7);
        f.param("W").assign(d.param("W"));
        f.param("b").assign(d.param("b"));
        INDArray x = fromJava(random4d(9, N, C, 8, 7, 1.0), DataType.DOUBLE);
        assertEquals(d.forward(x, false).castTo(DataType.FLOAT), f.forward(x.castTo(DataType.FLOAT), false));
    }

    @Test
    void outputsFollowFromTheInputAndTheMultiplier() {
        QuantizedDepthwiseConvolutionLayer conf = new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).depthMultiplier(3).build();
        conf.setNIn(InputType.convolutional(8, 8, 5), false);
        assertEquals(15, conf.getNOut());
        assertEquals(5, conf.groups());
        assertThrows(Exception.class, () -> new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).depthMultiplier(0).build());
    }
}
