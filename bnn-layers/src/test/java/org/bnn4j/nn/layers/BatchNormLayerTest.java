package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.BatchNorm;
import org.bnn4j.nn.testutil.DetachedAllocations;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BatchNorm}'s inference pass: bit-identical to DL4J's BatchNormalization and to the formula, in every
 * layout and parameter form DL4J has, with no input-sized array left outside the workspaces; training unchanged.
 */
class BatchNormLayerTest {
    private static final int C = 5;

    /** Input shape x (lockGammaBeta, gamma, beta) x useLogStd. */
    static Stream<Arguments> layouts() {
        List<Arguments> cases = new ArrayList<>();
        for (String layout : List.of("dense", "NCHW", "NHWC")) {
            for (double[] locked : new double[][]{null, {1.0, 0.0}, {2.0, 0.5}}) {
                for (boolean logStd : new boolean[]{false, true}) {
                    cases.add(Arguments.of(layout, locked, logStd));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} locked={1} logStd={2}")
    @MethodSource("layouts")
    void inferenceIsBitIdenticalToDl4jAndMatchesTheFormula(String layout, double[] locked, boolean logStd) {
        BatchNormalization.Builder b = new BatchNormalization.Builder().eps(1e-3).useLogStd(logStd);
        if (locked != null) {
            b.lockGammaBeta(true).gamma(locked[0]).beta(locked[1]);
        }
        if (layout.equals("NHWC")) {
            b.dataFormat(CNN2DFormat.NHWC);
        }
        BatchNormalization dl4j = b.build();
        ComputationGraph theirs = graph(dl4j, layout);
        ComputationGraph ours = graph(BatchNorm.of(dl4j), layout);
        assertInstanceOf(BatchNormLayer.class, ours.getLayer("bn"));
        randomStatistics(theirs, 7);
        ours.setParams(theirs.params());

        INDArray x = input(layout, 11);
        INDArray expected = theirs.feedForward(x, false).get("bn");
        INDArray actual = ours.feedForward(x, false).get("bn");
        assertArrayEquals(expected.dup().data().asFloat(), actual.dup().data().asFloat(), "bit for bit");

        // The formula, written independently in double: gamma * (x - mean) / sqrt(var + eps) + beta per channel.
        INDArray reference = formula(theirs, x, layout.equals("NHWC") ? 3 : 1, dl4j);
        assertTrue(reference.equalsWithEps(actual.castTo(DataType.DOUBLE), 1e-5), "formula");

        // Training takes DL4J's path: same batch statistics, same output.
        assertArrayEquals(theirs.feedForward(x, true).get("bn").dup().data().asFloat(),
                ours.feedForward(x, true).get("bn").dup().data().asFloat(), "training");
    }

    @Test
    void inferenceLeavesNoInputSizedArrayOutsideTheWorkspaces() {
        BatchNormalization dl4j = new BatchNormalization.Builder().build();
        ComputationGraph theirs = graph(dl4j, "NCHW");
        ComputationGraph ours = graph(BatchNorm.of(dl4j), "NCHW");
        randomStatistics(theirs, 3);
        ours.setParams(theirs.params());
        INDArray x = input("NCHW", 5);
        long inputBytes = x.length() * 4;

        try (DetachedAllocations probe = DetachedAllocations.start()) {
            for (int i = 0; i < 3; i++) {
                theirs.outputSingle(x);
            }
            // The probe must see DL4J's two detached copies per call, or it proves nothing about ours.
            assertEquals(6, probe.countAtLeast(inputBytes, "BatchNormalization.preOutput"), probe.describe());
            probe.clear();
            for (int i = 0; i < 3; i++) {
                ours.outputSingle(x);
            }
            assertEquals(0, probe.countAtLeast(inputBytes, "BatchNormalization.preOutput"), probe.describe());
            assertEquals(0, probe.countAtLeast(inputBytes, "BatchNormLayer.preOutput"), probe.describe());
        }
    }

    @Test
    void survivesJsonAndConvertsBothWays() {
        BatchNormalization dl4j = new BatchNormalization.Builder().decay(0.8).eps(1e-4).lockGammaBeta(true)
                .gamma(1.5).beta(-0.25).useLogStd(false).dataFormat(CNN2DFormat.NHWC).name("bn7").build();
        BatchNorm ours = BatchNorm.of(dl4j);
        assertEquals("bn7", ours.getLayerName());
        assertEquals(0.8, ours.getDecay());
        assertEquals(1e-4, ours.getEps());
        assertEquals(CNN2DFormat.NHWC, ours.getCnn2DFormat());
        assertEquals(dl4j.toString().replace("BatchNormalization(", ""), ours.toDl4j().toString()
                .replace("BatchNormalization(", ""));
        assertEquals(BatchNormalization.class, ours.toDl4j().getClass());

        ComputationGraphConfiguration conf = graph(ours, "NHWC").getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertInstanceOf(BatchNorm.class, back.getVertices().get("bn") instanceof
                org.deeplearning4j.nn.conf.graph.LayerVertex lv ? lv.getLayerConf().getLayer() : null);
        assertInstanceOf(BatchNorm.class, new BatchNorm.Builder().eps(1e-3).build());
    }

    private static ComputationGraph graph(BatchNormalization bn, String layout) {
        InputType in = switch (layout) {
            case "dense" -> InputType.feedForward(C);
            case "NHWC" -> InputType.convolutional(4, 3, C, CNN2DFormat.NHWC);
            default -> InputType.convolutional(4, 3, C);
        };
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in").setInputTypes(in)
                .addLayer("bn", bn, "in");
        String last = "bn";
        if (!layout.equals("dense")) {
            g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn");
            last = "gap";
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                .activation(Activation.IDENTITY).build(), last).setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /** Running mean, a positive running variance (or log10 std) and, unless locked, gamma and beta. */
    private static void randomStatistics(ComputationGraph net, long seed) {
        Nd4j.getRandom().setSeed(seed);
        var layer = net.getLayer("bn");
        for (String key : layer.paramTable().keySet()) {
            INDArray p = layer.getParam(key);
            INDArray r = Nd4j.randn(DataType.FLOAT, p.shape());
            switch (key) {
                case BatchNormalizationParamInitializer.GLOBAL_VAR -> p.assign(r.mul(r).addi(0.1));
                case BatchNormalizationParamInitializer.GLOBAL_LOG_STD -> p.assign(r.mul(0.3));
                default -> p.assign(r);
            }
        }
    }

    private static INDArray input(String layout, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return switch (layout) {
            case "dense" -> Nd4j.randn(DataType.FLOAT, 6, C);
            case "NHWC" -> Nd4j.randn(DataType.FLOAT, 6, 4, 3, C);
            default -> Nd4j.randn(DataType.FLOAT, 6, C, 4, 3);
        };
    }

    private static INDArray formula(ComputationGraph net, INDArray x, int channelAxis, BatchNormalization conf) {
        var layer = net.getLayer("bn");
        double[] mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toDoubleVector();
        double[] var = conf.isUseLogStd()
                ? java.util.Arrays.stream(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)
                        .toDoubleVector()).map(l -> Math.pow(10, 2 * l)).toArray()
                : layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).toDoubleVector();
        double[] gamma = new double[C];
        double[] beta = new double[C];
        for (int c = 0; c < C; c++) {
            boolean applied = !conf.isLockGammaBeta() || (conf.getGamma() != 1.0 && conf.getBeta() != 0.0);
            gamma[c] = !conf.isLockGammaBeta() ? layer.getParam("gamma").getDouble(c) : applied ? conf.getGamma() : 1;
            beta[c] = !conf.isLockGammaBeta() ? layer.getParam("beta").getDouble(c) : applied ? conf.getBeta() : 0;
        }
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray out = xd.dup();
        long[] shape = x.shape();
        long n = x.length();
        for (long i = 0; i < n; i++) {
            long[] idx = org.nd4j.linalg.api.shape.Shape.ind2subC(shape, i);
            int c = (int) idx[channelAxis];
            double v = gamma[c] * (xd.getDouble(idx) - mean[c]) / Math.sqrt(var[c] + conf.getEps()) + beta[c];
            out.putScalar(idx, v);
        }
        return out;
    }
}
