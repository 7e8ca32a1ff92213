package org.bnn4j.nn.quantizers;

import org.bnn4j.nn.testutil.Reference;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** PowerOfTwo against its definition: rounding in log2 space, halves, bounds, zero, stochastic rounding. */
class PowerOfTwoTest {

    private static double[] quantize(Quantizer q, double[] v, DataType dt, QuantizationContext c) {
        return q.quantize(Nd4j.createFromArray(v).castTo(dt), c).toDoubleVector();
    }

    @Test
    void deterministicRoundingEqualsTheDefinition() {
        Random r = new Random(1);
        double[] v = new double[400];
        for (int i = 0; i < v.length; i++) v[i] = (r.nextBoolean() ? 1 : -1) * Math.pow(10, -5 + 7 * r.nextDouble());
        v[0] = 0;
        double[] expected = new double[v.length];
        for (int dtIndex = 0; dtIndex < 2; dtIndex++) {
            DataType dt = dtIndex == 0 ? DataType.DOUBLE : DataType.FLOAT;
            double[] x = Nd4j.createFromArray(v).castTo(dt).toDoubleVector(); // the values as the type holds them
            for (int i = 0; i < v.length; i++) expected[i] = Reference.powerOfTwo(x[i], -10, 3);
            assertArrayEquals(expected, quantize(new PowerOfTwo(-10, 3), x, dt, QuantizationContext.inference()), 0.0, dt.toString());
        }
    }

    @Test
    void exactHalvesInLog2SpaceRoundUp() {
        double half = Math.scalb(Math.sqrt(2), -2);          // 2^-1.5, as exactly as a double holds it
        double[] x = {half, Math.nextDown(half), -half, -Math.nextDown(half), 0.25, 0.5, -1.0, 0.0};
        double[] expected = {0.5, 0.25, -0.5, -0.25, 0.25, 0.5, -1.0, 0.0};
        assertArrayEquals(expected, quantize(new PowerOfTwo(-8, 0), x, DataType.DOUBLE, QuantizationContext.inference()), 0.0);
    }

    @Test
    void exponentsAreBounded() {
        double[] x = {1e-3, 0.1, 0.0625, 100, 2.9, 2.5, -1e-9, -7.0};
        // log2: -9.97 -> -3; -3.32 -> -3; -4 -> -3; 6.6 -> 1; 1.54 -> 2 -> 1; 1.32 -> 1; bounds [-3, 1]
        double[] expected = {0.125, 0.125, 0.125, 2, 2, 2, -0.125, -2};
        assertArrayEquals(expected, quantize(new PowerOfTwo(-3, 1), x, DataType.DOUBLE, QuantizationContext.inference()), 0.0);
        assertArrayEquals(expected, quantize(new PowerOfTwo(-3, 1, true, 7), x, DataType.DOUBLE,
                QuantizationContext.activations(true, 3)), 0.0, "values outside the bounds have one level only");
        assertThrows(IllegalArgumentException.class, () -> new PowerOfTwo(1, 0));
    }

    @Test
    void stochasticRoundingUpWithTheProbabilityOfThePosition() {
        int n = 20000;
        double[] values = {0.75, 0.625, -0.3, 0.5};
        double[] probabilities = {0.5, 0.25, 0.2, 0.0};            // (|x| - 2^floor) / 2^floor
        PowerOfTwo q = new PowerOfTwo(-8, 4, true, 11);
        for (int k = 0; k < values.length; k++) {
            double[] x = new double[n];
            java.util.Arrays.fill(x, values[k]);
            double[] out = quantize(q, x, DataType.DOUBLE, QuantizationContext.activations(true, 5));
            double lower = Math.signum(values[k]) * Math.pow(2, Math.floor(Math.log(Math.abs(values[k])) / Math.log(2)));
            int up = 0;
            double mean = 0;
            for (double o : out) {
                assertTrue(o == lower || o == 2 * lower, values[k] + " became " + o);
                if (o == 2 * lower) up++;
                mean += o / n;
            }
            assertEquals(probabilities[k], up / (double) n, 0.015, "frequency of rounding up " + values[k]);
            assertEquals(values[k], mean, 0.01, "stochastic rounding is unbiased");
        }
        double[] x = new double[64];
        for (int i = 0; i < x.length; i++) x[i] = 0.26 + i * 0.011;
        double[] a = quantize(q, x, DataType.FLOAT, QuantizationContext.activations(true, 5));
        assertArrayEquals(a, quantize(q, x, DataType.FLOAT, QuantizationContext.activations(true, 5)), "same seeds, same sample");
        assertFalse(java.util.Arrays.equals(a, quantize(q, x, DataType.FLOAT, QuantizationContext.activations(true, 6))));
        assertFalse(java.util.Arrays.equals(a, quantize(new PowerOfTwo(-8, 4, true, 12), x, DataType.FLOAT,
                QuantizationContext.activations(true, 5))));
        assertArrayEquals(quantize(new PowerOfTwo(-8, 4), x, DataType.FLOAT, QuantizationContext.inference()),
                quantize(q, x, DataType.FLOAT, QuantizationContext.activations(false, 5)), "deterministic at inference");
    }

    @Test
    void savesInJsonAndEqualityFollowsTheConfiguration() throws Exception {
        PowerOfTwo q = new PowerOfTwo(-6, 2, true, 9);
        var json = NeuralNetConfiguration.mapper();
        assertEquals(q, json.readValue(json.writeValueAsString(q), Quantizer.class));
        assertEquals(new PowerOfTwo(-6, 2, true, 9).hashCode(), q.hashCode());
        assertNotEquals(new PowerOfTwo(-6, 2), q);
        assertNotEquals(new PowerOfTwo(-5, 2, true, 9), q);
        assertEquals(5, new PowerOfTwo(-8, 0).precision()); // sign + 9 exponents in 4 bits
    }

    @Test
    void backwardIsStraightThrough() {
        INDArray x = Nd4j.createFromArray(0.3, -2.0, 0.0);
        INDArray g = Nd4j.createFromArray(1.0, 2.0, 3.0);
        assertEquals(g, new PowerOfTwo().backprop(x, g, QuantizationContext.activations(true, 1)));
    }
}
