package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedDenseLayer;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.testutil.Reference;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.bnn4j.nn.testutil.Arrays4d.*;
import static org.junit.jupiter.api.Assertions.*;

/** BinaryNet's binarized bias: z = x W + sign(b) forward, dL/db = sum of delta where |b| <= 1 (the STE). */
class BinarizedBiasTest {
    private static final double[] BIAS = {-2.0, -0.3, 0.0, 0.4};

    private static void checkDense(org.bnn4j.nn.quantizers.Quantizer kernel) {
        int n = 5, in = 3, out = BIAS.length;
        SingleLayer l = new SingleLayer(new QuantizedDenseLayer.Builder().nIn(in).nOut(out).kernelQuantizer(kernel)
                .biasQuantizer(new SteSign()).build(), DataType.DOUBLE, 2);
        l.param("b").assign(Nd4j.createFromArray(BIAS).reshape(1, out));
        Random r = new Random(3);
        double[][] x = new double[n][in];
        double[][] eps = new double[n][out];
        for (double[] row : x) for (int i = 0; i < in; i++) row[i] = r.nextGaussian();
        for (double[] row : eps) for (int j = 0; j < out; j++) row[j] = r.nextGaussian();
        INDArray withoutBias = l.forward(fromJava(x, DataType.DOUBLE), false).dup();
        for (int j = 0; j < out; j++) withoutBias.getColumn(j).subi(Reference.sign(BIAS[j])); // the layer's x W
        l.param("b").assign(0.5); // sign(0.5) = +1 everywhere
        INDArray plusOne = l.forward(fromJava(x, DataType.DOUBLE), false);
        assertEquals(withoutBias.add(1.0), plusOne, "forward adds sign(b)");

        l.param("b").assign(Nd4j.createFromArray(BIAS).reshape(1, out));
        Pair<Gradient, INDArray> g = l.backward(fromJava(x, DataType.DOUBLE), fromJava(eps, DataType.DOUBLE));
        double[] db = new double[out];
        for (int j = 0; j < out; j++) {
            for (double[] row : eps) db[j] += row[j];
            if (Math.abs(BIAS[j]) > 1) db[j] = 0;
        }
        assertClose(db, g.getFirst().getGradientFor("b"), 1e-12, "dL/db through the STE, kernel " + kernel);
        assertArrayEquals(BIAS, l.param("b").toDoubleVector(), "the latent bias is not changed");
    }

    @Test
    void denseLayerAddsTheSignOfItsBias() {
        checkDense(new SteSign());
        checkDense(new MagnitudeAwareSign()); // a kernel with per-channel scales takes the other path
    }

    @Test
    void inferenceBiasIsTheQuantizedOneAndJsonKeepsIt() {
        QuantizedConvolutionLayer conv = new QuantizedConvolutionLayer.Builder(3, 3).nIn(1).nOut(2)
                .biasQuantizer(new SteSign()).build();
        INDArray b = Nd4j.createFromArray(-0.2, 0.7).reshape(1, 2);
        assertEquals(Nd4j.createFromArray(-1.0, 1.0).reshape(1, 2), conv.inferenceBias(java.util.Map.of("b", b)));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list().layer(conv)
                .layer(new QuantizedDenseLayer.Builder().nIn(4).nOut(2).build()).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(new SteSign(), ((QuantizedConvolutionLayer) back.getConf(0).getLayer()).getBiasQuantizer());
        assertNull(((QuantizedDenseLayer) back.getConf(1).getLayer()).getBiasQuantizer());
    }
}
