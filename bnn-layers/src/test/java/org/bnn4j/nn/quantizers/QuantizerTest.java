package org.bnn4j.nn.quantizers;

import org.bnn4j.nn.testutil.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each quantizer's paper-specific behaviour against its definition: sampling statistics of the stochastic ones, TTQ's
 * trained scales, XNOR-Net's per-channel scales, argument checks. What every quantizer shares (forward, STE backward,
 * precision, in place, serialization, equality) is bnn-tests' QuantizerContractTest.
 */
class QuantizerTest {
    enum Precision { FLOAT, DOUBLE }

    private static final QuantizationContext TRAIN = QuantizationContext.activations(true, 7);
    /** Values that include the boundaries the definitions care about. */
    private static final double[] EDGES = {-2.5, -1.0, -0.999, -0.5, -1e-7, 0.0, 1e-7, 0.5, 0.999, 1.0, 1.0001, 3.0};

    private static DataType type(Precision p) {
        return p == Precision.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
    }

    private static double[] values() {
        double[] random = Reference.uniform(new Random(1), 200, 2.0);
        double[] all = new double[EDGES.length + random.length];
        System.arraycopy(EDGES, 0, all, 0, EDGES.length);
        System.arraycopy(random, 0, all, EDGES.length, random.length);
        return all;
    }

    private static void assertElementwise(Quantizer q, DataType dt, DoubleUnaryOperator forward, DoubleUnaryOperator slope) {
        assertElementwise(q, dt, TRAIN, forward, slope);
    }

    private static void assertElementwise(Quantizer q, DataType dt, QuantizationContext ctx,
                                          DoubleUnaryOperator forward, DoubleUnaryOperator slope) {
        double[] v = values();
        INDArray x = Nd4j.createFromArray(v).castTo(dt);
        double[] g = Reference.uniform(new Random(2), v.length, 1.0);
        INDArray grad = Nd4j.createFromArray(g).castTo(dt);
        INDArray q1 = q.quantize(x, ctx);
        INDArray dx = q.backprop(x, grad, ctx);
        double tol = dt == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int i = 0; i < v.length; i++) {
            double xi = x.getDouble(i); // the value as stored in this precision
            assertEquals(forward.applyAsDouble(xi), q1.getDouble(i), tol, q + " forward at x=" + xi);
            assertEquals(g[i] * slope.applyAsDouble(xi), dx.getDouble(i), tol * 10, q + " backward at x=" + xi);
        }
        assertEquals(Nd4j.createFromArray(v).castTo(dt), x, "inputs must not be modified");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void steSignIsSignWithSaturatedStraightThroughGradient(Precision p) {
        assertElementwise(new SteSign(), type(p), Reference::sign, x -> Math.abs(x) <= 1 ? 1 : 0);
        assertElementwise(new SteSign(0.5), type(p), Reference::sign, x -> Math.abs(x) <= 0.5 ? 1 : 0);
        assertElementwise(SteSign.unclipped(), type(p), Reference::sign, x -> 1);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void approxSignUsesBiRealPolynomialGradient(Precision p) {
        assertElementwise(new ApproxSign(), type(p), Reference::sign, x -> Math.abs(x) < 1 ? 2 - 2 * Math.abs(x) : 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void swishSignUsesSwishSignDerivative(Precision p) {
        for (double beta : new double[]{5.0, 2.0}) {
            // d/dx [2 s (1 + bx (1 - s)) - 1] with s = sigmoid(bx), s' = b s (1 - s):
            // = 2 b s (1 - s) (2 + b x (1 - 2 s)), a different form from the one the code evaluates.
            DoubleUnaryOperator derivative = x -> {
                double s = 1 / (1 + Math.exp(-beta * x));
                return 2 * beta * s * (1 - s) * (2 + beta * x * (1 - 2 * s));
            };
            assertElementwise(new SwishSign(beta), type(p), Reference::sign, derivative);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void identityChangesNothing(Precision p) {
        assertElementwise(new Identity(), type(p), x -> x, x -> 1);
    }

    @Test
    void stochasticSignIsDeterministicSignAtInference() {
        assertElementwise(new StochasticSign(3), DataType.FLOAT, QuantizationContext.inference(),
                Reference::sign, x -> Math.abs(x) <= 1 ? 1 : 0);
        INDArray x = Nd4j.createFromArray(EDGES).castTo(DataType.FLOAT);
        INDArray q = new StochasticSign(3).quantize(x, QuantizationContext.inference());
        for (int i = 0; i < EDGES.length; i++) assertEquals(Reference.sign(x.getDouble(i)), q.getDouble(i));
    }

    @Test
    void meanAtInferenceIsTheSamplesExpectedValueAndLeavesTrainingAlone() {
        int n = 200_000;
        for (boolean ternary : new boolean[]{false, true}) {
            Quantizer sampling = ternary ? new StochasticTernary(11, 1.0, true) : new StochasticSign(11, 1.0, true);
            Quantizer plain = ternary ? new StochasticTernary(11) : new StochasticSign(11);
            for (double value : new double[]{-1.5, -0.6, 0.0, 0.3, 0.9, 1.2}) {
                INDArray x = Nd4j.valueArrayOf(new long[]{n}, value, DataType.FLOAT);
                double clipped = Math.max(-1, Math.min(1, value));
                assertEquals(clipped, sampling.quantize(x, QuantizationContext.inference()).getDouble(0), 1e-6,
                        "inference: clip(x, -1, 1) at x=" + value);
                assertEquals(clipped, sampling.quantize(x, TRAIN).meanNumber().doubleValue(), 0.01,
                        "the samples' mean is what inference uses, x=" + value + (ternary ? " ternary" : " binary"));
                assertEquals(plain.quantize(x, TRAIN), sampling.quantize(x, TRAIN), "training samples unchanged");
            }
        }
        assertNotEquals(new StochasticSign(11), new StochasticSign(11, 1.0, true));
    }

    @Test
    void stochasticSignSamplesWithHardSigmoidProbabilityAndIsReproducible() {
        int n = 200_000;
        StochasticSign q = new StochasticSign(11);
        for (double value : new double[]{-1.5, -0.6, 0.0, 0.3, 0.9, 1.2}) {
            INDArray x = Nd4j.valueArrayOf(new long[]{n}, value, DataType.FLOAT);
            INDArray s = q.quantize(x, TRAIN);
            double plusShare = s.add(1).div(2).meanNumber().doubleValue();
            double expected = Math.min(1, Math.max(0, (value + 1) / 2));
            assertEquals(expected, plusShare, 0.01, "P(+1) at x=" + value);
            assertEquals(n, s.eq(1).castTo(DataType.INT).sumNumber().intValue() + s.eq(-1).castTo(DataType.INT).sumNumber().intValue(),
                    "only +1 and -1 may come out");
        }
        INDArray x = Nd4j.createFromArray(Reference.uniform(new Random(5), 1000, 1.5)).castTo(DataType.FLOAT);
        assertEquals(q.quantize(x, TRAIN), q.quantize(x, TRAIN), "same seeds, same sample");
        assertNotEquals(q.quantize(x, TRAIN), q.quantize(x, QuantizationContext.activations(true, 8)), "new noise seed, new sample");
        assertNotEquals(q.quantize(x, TRAIN), new StochasticSign(12).quantize(x, TRAIN), "new quantizer seed, new sample");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void steTernaryUsesTernaryConnectThresholdsAndSaturatedStraightThroughGradient(Precision p) {
        // EDGES holds -0.5 (maps to -1) and 0.5 (maps to 0): the rule is +1 if x > 0.5, 0 if -0.5 < x <= 0.5.
        assertElementwise(new SteTernary(), type(p), x -> Reference.ternary(x, -0.5, 0.5), x -> Math.abs(x) <= 1 ? 1 : 0);
        assertElementwise(new SteTernary(-0.25, 0.75, 2.0), type(p), x -> Reference.ternary(x, -0.25, 0.75),
                x -> Math.abs(x) <= 2 ? 1 : 0);
    }

    @Test
    void stochasticTernaryIsNonZeroWithProbabilityAbsXAndReproducible() {
        int n = 200_000;
        StochasticTernary q = new StochasticTernary(11);
        for (double value : new double[]{-1.5, -0.7, -0.2, 0.0, 0.4, 0.9}) {
            INDArray s = q.quantize(Nd4j.valueArrayOf(new long[]{n}, value, DataType.FLOAT), TRAIN);
            double sign = Math.signum(value);
            int same = value == 0 ? 0 : s.eq(sign).castTo(DataType.INT).sumNumber().intValue();
            int zeros = s.eq(0).castTo(DataType.INT).sumNumber().intValue();
            assertEquals(n, same + zeros, "only 0 and sign(x) may come out at x=" + value);
            assertEquals(Math.min(1, Math.abs(value)), same / (double) n, 0.01, "P(sign(x)) at x=" + value);
        }
        INDArray x = Nd4j.createFromArray(Reference.uniform(new Random(5), 1000, 1.2)).castTo(DataType.FLOAT);
        assertEquals(q.quantize(x, TRAIN), q.quantize(x, TRAIN), "same seeds, same sample");
        assertNotEquals(q.quantize(x, TRAIN), q.quantize(x, QuantizationContext.activations(true, 8)), "new noise seed, new sample");
        assertNotEquals(q.quantize(x, TRAIN), new StochasticTernary(12).quantize(x, TRAIN), "new quantizer seed, new sample");
        // Inference is TernaryConnect's deterministic rule; backward is the saturated STE in both modes.
        assertElementwise(q, DataType.FLOAT, QuantizationContext.inference(), v -> Reference.ternary(v, -0.5, 0.5),
                v -> Math.abs(v) <= 1 ? 1 : 0);
        assertElementwise(new StochasticTernary(3, 0.5), DataType.DOUBLE, QuantizationContext.inference(),
                v -> Reference.ternary(v, -0.5, 0.5), v -> Math.abs(v) <= 0.5 ? 1 : 0);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void trainedTernaryAloneIsTtqWithUnitScales(Precision p) {
        double delta = Reference.ttqThreshold(values(), 0.05); // values() reach |x| = 3
        assertElementwise(new TrainedTernary(), type(p), x -> Reference.ttqWeight(x, delta, 1, 1), x -> 1);
        double wide = Reference.ttqThreshold(values(), 0.4);
        assertElementwise(new TrainedTernary(0.4), type(p), x -> Reference.ttqWeight(x, wide, 1, 1), x -> 1);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void trainedTernaryScalesFollowThePaper(Precision p) {
        DataType dt = type(p);
        double[] w = Reference.uniform(new Random(21), 300, 0.8);
        double[] g = Reference.uniform(new Random(22), 300, 1.0);
        double wp = 1.7, wn = 0.6, t = 0.3;
        INDArray weights = Nd4j.createFromArray(w).castTo(dt);
        INDArray gradient = Nd4j.createFromArray(g).castTo(dt);
        TrainedTernary q = new TrainedTernary(t);
        INDArray wt = q.quantize(weights, wp, wn, weights.ulike());
        INDArray dw = gradient.dup();
        TrainedTernary.ScaleGradients scales = q.backprop(weights, wp, wn, dw, dw); // in place, as layers call it

        double delta = Reference.ttqThreshold(w, t);
        double dWp = 0, dWn = 0;
        int[] regionSizes = new int[3];
        double tol = dt == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int i = 0; i < w.length; i++) {
            double wi = weights.getDouble(i);
            double gi = gradient.getDouble(i);
            assertEquals(Reference.ttqWeight(wi, delta, wp, wn), wt.getDouble(i), tol, "w_t at w=" + wi);
            assertEquals(Reference.ttqLatentFactor(wi, delta, wp, wn) * gi, dw.getDouble(i), tol, "dL/dw at w=" + wi);
            if (wi > delta) dWp += gi;
            if (wi < -delta) dWn -= gi; // the negative level is -Wn
            regionSizes[wi > delta ? 0 : wi < -delta ? 1 : 2]++;
        }
        assertEquals(dWp, scales.positive(), tol * 100, "dL/dWp = sum of g over w > delta");
        assertEquals(dWn, scales.negative(), tol * 100, "dL/dWn = -(sum of g over w < -delta)");
        for (int size : regionSizes) assertTrue(size > 30, "all three regions are exercised: " + java.util.Arrays.toString(regionSizes));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void magnitudeAwareSignScalesEachOutputChannelByItsMeanAbsoluteWeight(Precision p) {
        DataType dt = type(p);
        Random r = new Random(3);
        // A dense kernel [nIn=5, nOut=4] with its channels along axis 1, and the same numbers as a conv
        // kernel [nOut=4, nIn=5, 1, 1] with channels along axis 0.
        double[][] w = new double[5][4];
        for (double[] row : w) for (int j = 0; j < 4; j++) row[j] = (r.nextDouble() * 2 - 1) * 1.5;
        w[0][0] = 0.0; // sign(0) = +1
        double[] alpha = Reference.columnMeanAbs(w);
        double[][] g = new double[5][4];
        for (double[] row : g) for (int j = 0; j < 4; j++) row[j] = r.nextGaussian();

        INDArray dense = Nd4j.create(w).castTo(dt);
        INDArray denseGrad = Nd4j.create(g).castTo(dt);
        QuantizationContext denseCtx = QuantizationContext.kernel(true, 0, 1);
        INDArray conv = dense.transpose().dup('c').reshape(4, 5, 1, 1);
        INDArray convGrad = denseGrad.transpose().dup('c').reshape(4, 5, 1, 1);
        QuantizationContext convCtx = QuantizationContext.kernel(true, 0, 0);

        MagnitudeAwareSign q = new MagnitudeAwareSign();
        INDArray qDense = q.quantize(dense, denseCtx);
        INDArray dDense = q.backprop(dense, denseGrad, denseCtx);
        INDArray qConv = q.quantize(conv, convCtx);
        INDArray dConv = q.backprop(conv, convGrad, convCtx);
        double tol = dt == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int i = 0; i < 5; i++) for (int j = 0; j < 4; j++) {
            double xv = dense.getDouble(i, j);
            double expectedQ = alpha[j] * Reference.sign(xv);
            double expectedD = Math.abs(xv) <= 1 ? alpha[j] * g[i][j] : 0;
            assertEquals(expectedQ, qDense.getDouble(i, j), tol, "dense forward");
            assertEquals(expectedD, dDense.getDouble(i, j), tol, "dense backward");
            assertEquals(expectedQ, qConv.getDouble(j, i, 0, 0), tol, "conv forward");
            assertEquals(expectedD, dConv.getDouble(j, i, 0, 0), tol, "conv backward");
        }
        // Without a channel axis one scale covers the whole tensor.
        double all = 0;
        for (double[] row : w) for (double v : row) all += Math.abs(v);
        INDArray whole = q.quantize(dense, QuantizationContext.activations(false, 0));
        assertEquals(all / 20 * Reference.sign(w[2][3]), whole.getDouble(2, 3), tol);
    }

    @Test
    void badParametersAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SteSign(0));
        assertTrue(e.getMessage().contains("clipValue"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SwishSign(-1));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MagnitudeAwareSign(Double.NaN));
        assertTrue(e.getMessage().contains("clipValue"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuantizationContext.kernel(true, 0, -1));
        e = assertThrows(IllegalArgumentException.class, () -> new SteTernary(0.5, -0.5));
        assertTrue(e.getMessage().contains("lower=0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StochasticTernary(1, 0));
        assertTrue(e.getMessage().contains("clipValue"), e.getMessage());
        for (double bad : new double[]{0, 1, -0.1, Double.NaN}) {
            e = assertThrows(IllegalArgumentException.class, () -> new TrainedTernary(bad));
            assertTrue(e.getMessage().contains("thresholdFactor"), e.getMessage());
        }
    }
}
