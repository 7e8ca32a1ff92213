package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedDenseLayer;
import org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer;
import org.bnn4j.nn.quantizers.PowerOfTwo;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.testutil.Reference;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

import static org.bnn4j.nn.testutil.Arrays4d.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Quantized back-propagation (Lin et al. 2016) against references written from the formulas: dW = p(x)^T delta
 * with p the power-of-two quantization; the forward pass and dL/dx as without it.
 */
class QuantizedBackpropTest {
    private static final int MIN = -3;
    private static final int MAX = 1;

    @Test
    void denseKernelGradientUsesThePowerOfTwoInput() {
        int n = 4, in = 6, out = 3;
        QuantizedDenseLayer.Builder builder = new QuantizedDenseLayer.Builder().nIn(in).nOut(out).kernelQuantizer(new SteSign());
        SingleLayer plain = new SingleLayer(builder.build(), DataType.DOUBLE, 5);
        SingleLayer quantized = new SingleLayer(builder.backpropInputQuantizer(new PowerOfTwo(MIN, MAX)).build(), DataType.DOUBLE, 5);
        quantized.param("W").assign(plain.param("W").muli(3)); // some latent weights beyond the STE's clip
        double[][] w = toJava2d(quantized.param("W"));
        Random r = new Random(4);
        double[][] x = new double[n][in];
        for (double[] row : x) for (int i = 0; i < in; i++) row[i] = r.nextGaussian() * 2;
        x[0][0] = 0;
        x[1][2] = 20; // above 2^MAX
        x[2][3] = -1e-4; // below 2^MIN
        double[][] eps = new double[n][out];
        for (double[] row : eps) for (int j = 0; j < out; j++) row[j] = r.nextGaussian();

        Pair<Gradient, INDArray> g = quantized.backward(fromJava(x, DataType.DOUBLE), fromJava(eps, DataType.DOUBLE));
        double[][] dw = new double[in][out];
        double[][] dx = new double[n][in];
        for (int i = 0; i < in; i++) for (int j = 0; j < out; j++) {
            for (int e = 0; e < n; e++) dw[i][j] += Reference.powerOfTwo(x[e][i], MIN, MAX) * eps[e][j];
            if (Math.abs(w[i][j]) > 1) dw[i][j] = 0; // SteSign's STE
        }
        for (int e = 0; e < n; e++) for (int i = 0; i < in; i++) for (int j = 0; j < out; j++)
            dx[e][i] += eps[e][j] * Reference.sign(w[i][j]);
        assertClose(dw, g.getFirst().getGradientFor("W"), 1e-12, "dL/dW");
        assertClose(dx, g.getSecond(), 1e-12, "dL/dx (unchanged)");

        plain.param("W").assign(quantized.param("W"));
        plain.param("b").assign(quantized.param("b"));
        assertEquals(plain.forward(fromJava(x, DataType.DOUBLE), true), quantized.forward(fromJava(x, DataType.DOUBLE), true),
                "the forward pass does not change");
        Pair<Gradient, INDArray> p = plain.backward(fromJava(x, DataType.DOUBLE), fromJava(eps, DataType.DOUBLE));
        assertEquals(p.getFirst().getGradientFor("b"), g.getFirst().getGradientFor("b"), "dL/db does not change");
        assertNotEquals(p.getFirst().getGradientFor("W"), g.getFirst().getGradientFor("W"));
    }

    @Test
    void convolutionWithTernaryKernelUsesThePowerOfTwoInput() {
        int n = 2, c = 2, o = 3, h = 5, k = 3;
        QuantizedConvolutionLayer conf = new QuantizedConvolutionLayer.Builder(k, k).convolutionMode(ConvolutionMode.Same)
                .nIn(c).nOut(o).kernelQuantizer(new SteTernary()).backpropInputQuantizer(new PowerOfTwo(MIN, MAX)).build();
        SingleLayer l = new SingleLayer(conf, DataType.DOUBLE, 7);
        l.param("W").assign(fromJava(random4d(3, o, c, k, k, 1.3), DataType.DOUBLE));
        double[][][][] w = toJava4d(l.param("W"));
        double[][][][] x = random4d(5, n, c, h, h, 3.0);
        double[][][][] eps = random4d(6, n, o, h, h, 1.0);
        Reference.Conv ref = new Reference.Conv("Same", h, h, k, k, 1, 1, 0, 0, 1, 1, 0.0);
        Pair<Gradient, INDArray> g = l.backward(fromJava(x, DataType.DOUBLE), fromJava(eps, DataType.DOUBLE));
        double[][][][] dw = ref.weightGradient(map(x, v -> Reference.powerOfTwo(v, MIN, MAX)), eps, c);
        double[][][][] wq = map(w, v -> Reference.ternary(v, SteTernary.DEFAULT_LOWER, SteTernary.DEFAULT_UPPER));
        double[][][][] steDw = new double[o][c][k][k];
        for (int a = 0; a < o; a++) for (int b = 0; b < c; b++) for (int p = 0; p < k; p++) for (int q = 0; q < k; q++)
            steDw[a][b][p][q] = Math.abs(w[a][b][p][q]) <= 1 ? dw[a][b][p][q] : 0;
        assertClose(steDw, g.getFirst().getGradientFor("W"), 1e-10, "dL/dW");
        assertClose(ref.inputGradient(x, wq, eps), g.getSecond(), 1e-10, "dL/dx (unchanged)");
    }

    @Test
    void stochasticRoundingPicksOneOfTheTwoPowersReproducibly() {
        int in = 40, out = 2;
        QuantizedDenseLayer conf = new QuantizedDenseLayer.Builder().nIn(in).nOut(out)
                .backpropInputQuantizer(new PowerOfTwo(-8, 4, true, 3)).build();
        SingleLayer l = new SingleLayer(conf, DataType.DOUBLE, 1);
        double[][] x = new double[1][in];
        for (int i = 0; i < in; i++) x[0][i] = 0.26 + 0.012 * i;   // between 2^-2 and 2^0, never a power
        double[][] ones = {{1.0, 1.0}};
        // one example and delta = 1: row i of dW is p(x_i)
        double[] first = l.backward(fromJava(x, DataType.DOUBLE), fromJava(ones, DataType.DOUBLE)).getFirst()
                .getGradientFor("W").getColumn(0).toDoubleVector();
        for (int i = 0; i < in; i++) {
            double lower = Math.pow(2, Math.floor(Math.log(x[0][i]) / Math.log(2)));
            assertTrue(first[i] == lower || first[i] == 2 * lower, x[0][i] + " became " + first[i]);
        }
        double[] again = l.backward(fromJava(x, DataType.DOUBLE), fromJava(ones, DataType.DOUBLE)).getFirst()
                .getGradientFor("W").getColumn(0).toDoubleVector();
        assertArrayEquals(first, again, "same iteration, same sample");
        l.layer.setIterationCount(1);
        double[] next = l.backward(fromJava(x, DataType.DOUBLE), fromJava(ones, DataType.DOUBLE)).getFirst()
                .getGradientFor("W").getColumn(0).toDoubleVector();
        assertFalse(java.util.Arrays.equals(first, next), "a new iteration draws a new sample");
    }

    @Test
    void savedInJsonAndAbsentFromOldJson() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new QuantizedDenseLayer.Builder().nIn(4).nOut(3).backpropInputQuantizer(new PowerOfTwo(-6, 0, true, 2)).build())
                .layer(new QuantizedConvolutionLayer.Builder(3, 3).nIn(1).nOut(2).backpropInputQuantizer(new PowerOfTwo()).build())
                .build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(new PowerOfTwo(-6, 0, true, 2),
                ((QuantizedDenseLayer) back.getConf(0).getLayer()).getBackpropInputQuantizer());
        MultiLayerConfiguration without = new NeuralNetConfiguration.Builder().list()
                .layer(new QuantizedDenseLayer.Builder().nIn(4).nOut(3).build()).build();
        String oldJson = without.toJson().replaceAll(",?\\s*\"backpropInputQuantizer\"\\s*:\\s*null", "");
        assertFalse(oldJson.contains("backpropInputQuantizer"));
        assertNull(((QuantizedDenseLayer) MultiLayerConfiguration.fromJson(oldJson).getConf(0).getLayer())
                .getBackpropInputQuantizer());
        assertThrows(DL4JInvalidConfigException.class, () -> new QuantizedSeparableConvolutionLayer.Builder(3, 3).nOut(2)
                .backpropInputQuantizer(new PowerOfTwo()).build());
    }
}
