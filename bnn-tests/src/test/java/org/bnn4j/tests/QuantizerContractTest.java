package org.bnn4j.tests;

import com.example.quantizers.LearnedScaleSign;
import org.bnn4j.nn.quantizers.ApproxSign;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.PowerOfTwo;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.QuantizerParameter;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.quantizers.StochasticSign;
import org.bnn4j.nn.quantizers.StochasticTernary;
import org.bnn4j.nn.quantizers.SwishSign;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.bnn4j.tests.testutil.PackageClasses;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The contract every quantizer meets, run on every quantizer of {@code org.bnn4j.nn.quantizers} and on a user's own
 * ({@link LearnedScaleSign}; a new one joins by one line in {@link #cases()}, and {@link #everyQuantizerHasACase()}
 * fails when one of bnn4j's is forgotten): on a kernel
 * [channels, weights] its inference forward and its straight-through backward equal an independent reference written
 * from its paper's definition, its precision is what it says and its levels fit that precision, it writes in place
 * and leaves its inputs alone, it survives DL4J's JSON and Java serialization equal to itself, equality follows its
 * configuration, and its trained parameters (if any) start where its plain methods are.
 */
class QuantizerContractTest {
    private static final int CHANNELS = 4;
    private static final int WEIGHTS = 30;
    /** Values that include the boundaries the definitions care about, then random ones. */
    private static final double[] EDGES = {-2.5, -1.0, -0.999, -0.5, -1e-7, 0.0, 1e-7, 0.5, 0.999, 1.0, 1.0001, 3.0};

    /** q(w) of a whole kernel (rows are output channels), written from the definition. */
    interface KernelReference {
        double[][] apply(double[][] w);
    }

    /**
     * One quantizer: how to make it, one configured differently, its precision, and its reference forward (at
     * inference) and backward slope (dL/dw = slope * dL/dq, while training).
     */
    record Case(String name, Supplier<Quantizer> make, Quantizer different, int precision,
                KernelReference forward, KernelReference slope) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                elementwise("SteSign", SteSign::new, new SteSign(0.5), 1, QuantizerContractTest::sign, x -> inside(x, 1)),
                elementwise("SteSign unclipped", SteSign::unclipped, new SteSign(), 1, QuantizerContractTest::sign, x -> 1),
                elementwise("ApproxSign", ApproxSign::new, new SteSign(), 1, QuantizerContractTest::sign,
                        x -> Math.abs(x) < 1 ? 2 - 2 * Math.abs(x) : 0),
                elementwise("SwishSign", SwishSign::new, new SwishSign(2), 1, QuantizerContractTest::sign, x -> swishSlope(x, 5)),
                elementwise("StochasticSign", () -> new StochasticSign(4), new StochasticSign(5), 1, QuantizerContractTest::sign,
                        x -> inside(x, 1)),
                elementwise("StochasticSign, mean at inference", () -> new StochasticSign(4, 1.0, true), new StochasticSign(4),
                        32, x -> Math.max(-1, Math.min(1, x)), x -> inside(x, 1)),
                elementwise("StochasticTernary, mean at inference", () -> new StochasticTernary(4, 1.0, true),
                        new StochasticTernary(4), 32, x -> Math.max(-1, Math.min(1, x)), x -> inside(x, 1)),
                elementwise("Identity", Identity::new, new SteSign(), 32, x -> x, x -> 1),
                elementwise("SteTernary", () -> new SteTernary(-0.3, 0.4), new SteTernary(), 2,
                        x -> ternary(x, -0.3, 0.4), x -> inside(x, 1)),
                elementwise("StochasticTernary", () -> new StochasticTernary(4), new StochasticTernary(5), 2,
                        x -> ternary(x, -0.5, 0.5), x -> inside(x, 1)),
                new Case("MagnitudeAwareSign", MagnitudeAwareSign::new, new MagnitudeAwareSign(0.5), 1,
                        QuantizerContractTest::xnorKernel, QuantizerContractTest::xnorSlope),
                new Case("TrainedTernary", () -> new TrainedTernary(0.2), new TrainedTernary(), 2,
                        w -> ttqKernel(w, 0.2), w -> map(w, x -> 1)),
                elementwise("PowerOfTwo", () -> new PowerOfTwo(-8, 0), new PowerOfTwo(-8, 0, true, 1), 5,
                        x -> powerOfTwo(x, -8, 0), x -> 1),
                elementwise("LearnedScaleSign (user quantizer)", () -> new LearnedScaleSign(0.3), new LearnedScaleSign(), 1,
                        x -> 0.3 * sign(x), x -> 0.3 * inside(x, 1)));
    }

    @Test
    void stochasticQuantizersSavedBeforeMeanAtInferenceLoadWithTheDeterministicRule() throws Exception {
        ObjectMapper json = NeuralNetConfiguration.mapper();
        String now = json.writeValueAsString(new StochasticSign(4));
        String before = now.replaceAll(",?\\s*\"meanAtInference\"\\s*:\\s*false", "");
        assertFalse(before.contains("meanAtInference"), before);
        assertEquals(new StochasticSign(4), json.readValue(before, Quantizer.class), before);
        String ternary = json.writeValueAsString(new StochasticTernary(4)).replaceAll(",?\\s*\"meanAtInference\"\\s*:\\s*false", "");
        assertEquals(new StochasticTernary(4), json.readValue(ternary, Quantizer.class), ternary);
    }

    @Test
    void everyQuantizerHasACase() {
        Set<Class<?>> covered = cases().map(c -> c.make().get().getClass()).collect(Collectors.toSet());
        List<String> missing = PackageClasses.concrete(Quantizer.class, Quantizer.class.getPackageName()).stream()
                .filter(c -> !covered.contains(c)).map(Class::getSimpleName).collect(Collectors.toList());
        assertEquals(List.of(), missing, "quantizers without a case in QuantizerContractTest.cases()");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inferenceForwardEqualsTheDefinition(Case c) {
        for (DataType dt : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            double[][] w = kernel(dt);
            INDArray x = Nd4j.createFromArray(w).castTo(dt);
            INDArray q = c.make().get().quantize(x, QuantizationContext.kernel(false, 0, 0));
            assertMatrixEquals(c.forward().apply(w), q, tolerance(dt), c + " forward, " + dt);
            assertEquals(Nd4j.createFromArray(w).castTo(dt), x, c + ": the input must not change");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardIsTheStraightThroughEstimatorOfTheDefinition(Case c) {
        for (DataType dt : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            double[][] w = kernel(dt);
            double[][] g = random(new Random(3), 1.0);
            INDArray x = Nd4j.createFromArray(w).castTo(dt);
            INDArray dq = Nd4j.createFromArray(g).castTo(dt);
            INDArray dx = c.make().get().backprop(x, dq, QuantizationContext.kernel(true, 9, 0));
            double[][] slope = c.slope().apply(w);
            double[][] expected = new double[CHANNELS][WEIGHTS];
            for (int o = 0; o < CHANNELS; o++) for (int i = 0; i < WEIGHTS; i++) expected[o][i] = g[o][i] * slope[o][i];
            assertMatrixEquals(expected, dx, tolerance(dt) * 10, c + " backward, " + dt);
            assertEquals(Nd4j.createFromArray(g).castTo(dt), dq, c + ": the gradient must not change");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void precisionIsReportedAndTheLevelsFitIt(Case c) {
        Quantizer q = c.make().get();
        assertEquals(c.precision(), q.precision(), c + " precision");
        INDArray out = q.quantize(Nd4j.createFromArray(kernel(DataType.DOUBLE)), QuantizationContext.kernel(false, 0, 0));
        for (int o = 0; o < CHANNELS; o++) {
            Set<Double> levels = new HashSet<>();
            for (double v : out.getRow(o).toDoubleVector()) levels.add(v);
            if (q.precision() < 32) {
                assertTrue(levels.size() <= (1 << q.precision()) - (q.precision() == 2 ? 1 : 0),
                        c + ": channel " + o + " has levels " + levels);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesInPlaceWithTheSameResult(Case c) {
        Quantizer q = c.make().get();
        QuantizationContext ctx = QuantizationContext.kernel(true, 1, 0);
        INDArray x = Nd4j.createFromArray(kernel(DataType.FLOAT)).castTo(DataType.FLOAT);
        INDArray g = Nd4j.createFromArray(random(new Random(5), 1.0)).castTo(DataType.FLOAT);
        INDArray expectedQ = q.quantize(x, ctx);
        INDArray expectedD = q.backprop(x, g, ctx);
        INDArray gradCopy = g.dup();
        assertEquals(expectedD, q.backprop(x, gradCopy, gradCopy, ctx), c + " backward in place");
        INDArray xCopy = x.dup();
        assertEquals(expectedQ, q.quantize(xCopy, xCopy, ctx), c + " forward in place");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void survivesJsonAndJavaSerializationEqualToItself(Case c) throws Exception {
        Quantizer q = c.make().get();
        ObjectMapper json = NeuralNetConfiguration.mapper();
        String text = json.writeValueAsString(q);
        assertTrue(text.contains(q.getClass().getName()), text);
        assertEquals(q, json.readValue(text, Quantizer.class), c + " JSON: " + text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(q);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(q, in.readObject(), c + " Java serialization");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equalityFollowsTheConfiguration(Case c) {
        Quantizer a = c.make().get();
        Quantizer b = c.make().get();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c.different(), c + " vs " + c.different());
        assertNotEquals(a, null);
        assertEquals(a.toString(), b.toString());
    }

    /** Trained parameters: distinct keys, and at their initial values the parameter-aware methods are the plain ones. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainedParametersStartWhereThePlainMethodsAre(Case c) {
        Quantizer q = c.make().get();
        List<QuantizerParameter> declared = q.parameters();
        assertEquals(declared.size(), declared.stream().map(QuantizerParameter::key).distinct().count(), c + " keys");
        assertEquals(declared, c.make().get().parameters(), c + ": parameters are a function of the configuration");
        INDArray w = Nd4j.createFromArray(kernel(DataType.DOUBLE));
        Map<String, INDArray> params = new HashMap<>();
        Map<String, INDArray> gradients = new HashMap<>();
        params.put("W", w);
        for (QuantizerParameter p : declared) {
            params.put(p.key(), Nd4j.valueArrayOf(new long[]{p.length(CHANNELS)}, p.initialValue(), DataType.DOUBLE));
            gradients.put(p.key(), Nd4j.zeros(DataType.DOUBLE, p.length(CHANNELS)));
        }
        QuantizationContext ctx = QuantizationContext.kernel(true, 2, 0);
        assertEquals(q.quantize(w, ctx), q.quantize(w, params, w.ulike(), ctx), c + " forward with parameters");
        INDArray g = Nd4j.createFromArray(random(new Random(6), 1.0));
        assertEquals(q.backprop(w, g, ctx), q.backprop(w, params, g, g.ulike(), gradients, ctx), c + " backward with parameters");
    }

    // ---- independent references, from the papers' definitions ----

    private static Case elementwise(String name, Supplier<Quantizer> make, Quantizer different, int precision,
                                    java.util.function.DoubleUnaryOperator forward,
                                    java.util.function.DoubleUnaryOperator slope) {
        return new Case(name, make, different, precision, w -> map(w, forward), w -> map(w, slope));
    }

    /** sign with sign(0) = +1. */
    private static double sign(double x) {
        return x >= 0 ? 1 : -1;
    }

    /** Lin et al.'s rule: sign(x) * 2^round(log2|x|), the exponent clipped to [min, max]; 0 stays 0. */
    private static double powerOfTwo(double x, int min, int max) {
        return x == 0 ? 0 : Math.signum(x) * Math.pow(2, Math.max(min, Math.min(max, Math.rint(Math.log(Math.abs(x)) / Math.log(2)))));
    }

    /** TernaryConnect's rule: +1 above upper, -1 at or below lower, else 0. */
    private static double ternary(double x, double lower, double upper) {
        return x > upper ? 1 : x <= lower ? -1 : 0;
    }

    private static double inside(double x, double limit) {
        return Math.abs(x) <= limit ? 1 : 0;
    }

    /** d/dx of SwishSign's 2 s (1 + b x (1 - s)) - 1 with s = sigmoid(b x). */
    private static double swishSlope(double x, double beta) {
        double s = 1 / (1 + Math.exp(-beta * x));
        return 2 * beta * s * (1 - s) * (2 + beta * x * (1 - 2 * s));
    }

    /** XNOR-Net: alpha_c sign(w), alpha_c the mean |w| of channel c. */
    private static double[][] xnorKernel(double[][] w) {
        double[][] out = new double[w.length][];
        for (int o = 0; o < w.length; o++) {
            double alpha = meanAbs(w[o]);
            out[o] = new double[w[o].length];
            for (int i = 0; i < w[o].length; i++) out[o][i] = alpha * sign(w[o][i]);
        }
        return out;
    }

    /** alpha_c where |w| <= 1, else 0 (alpha held constant, as in Larq). */
    private static double[][] xnorSlope(double[][] w) {
        double[][] out = new double[w.length][];
        for (int o = 0; o < w.length; o++) {
            double alpha = meanAbs(w[o]);
            out[o] = new double[w[o].length];
            for (int i = 0; i < w[o].length; i++) out[o][i] = Math.abs(w[o][i]) <= 1 ? alpha : 0;
        }
        return out;
    }

    /** TTQ at unit scales: +1 above t max|w| over the whole kernel, -1 below minus that, else 0. */
    private static double[][] ttqKernel(double[][] w, double t) {
        double max = 0;
        for (double[] row : w) for (double v : row) max = Math.max(max, Math.abs(v));
        double delta = t * max;
        return map(w, x -> x > delta ? 1 : x < -delta ? -1 : 0);
    }

    private static double meanAbs(double[] v) {
        double s = 0;
        for (double x : v) s += Math.abs(x);
        return s / v.length;
    }

    private static double[][] map(double[][] w, java.util.function.DoubleUnaryOperator f) {
        double[][] out = new double[w.length][];
        for (int o = 0; o < w.length; o++) {
            out[o] = new double[w[o].length];
            for (int i = 0; i < w[o].length; i++) out[o][i] = f.applyAsDouble(w[o][i]);
        }
        return out;
    }

    /** A kernel holding the edge values and random ones, each value as stored in {@code dt}. */
    private static double[][] kernel(DataType dt) {
        double[][] w = random(new Random(1), 2.0);
        for (int i = 0; i < EDGES.length; i++) w[i % CHANNELS][i / CHANNELS] = EDGES[i];
        INDArray stored = Nd4j.createFromArray(w).castTo(dt);
        return stored.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    private static double[][] random(Random r, double scale) {
        double[][] w = new double[CHANNELS][WEIGHTS];
        for (double[] row : w) for (int i = 0; i < row.length; i++) row[i] = (r.nextDouble() * 2 - 1) * scale;
        return w;
    }

    private static double tolerance(DataType dt) {
        return dt == DataType.FLOAT ? 1e-5 : 1e-12;
    }

    private static void assertMatrixEquals(double[][] expected, INDArray actual, double tol, String what) {
        for (int o = 0; o < expected.length; o++) {
            for (int i = 0; i < expected[o].length; i++) {
                assertEquals(expected[o][i], actual.getDouble(o, i), tol, what + " at [" + o + ", " + i + "]");
            }
        }
    }
}
