package org.bnn4j.nn.optimize;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.lossfunctions.LossMultiClassHinge;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.testutil.HingeReference;
import org.bnn4j.nn.testutil.Nets;
import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.graph.util.ComputationGraphUtil;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.*;

/** DFW steps against the paper's formulas in plain Java, DL4J's bookkeeping around them, and learning. */
class DeepFrankWolfeTest {

    private static final int IN = 3;
    private static final int CLASSES = 4;
    private static final double ETA = 2.0;
    private static final double MU = 0.9;
    private static final double LAMBDA = 0.05;

    private static OutputLayer linearHinge() {
        return new OutputLayer.Builder(new LossMultiClassHinge()).nIn(IN).nOut(CLASSES)
                .activation(Activation.IDENTITY).build();
    }

    private static MultiLayerNetwork linearNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).list().layer(linearHinge()).build());
        net.init();
        return net;
    }

    private static DataSet batch(int n, long seed) {
        DataSet d = Nets.clusters(n, IN, CLASSES, seed);
        return new DataSet(d.getFeatures().castTo(DataType.DOUBLE), d.getLabels().castTo(DataType.DOUBLE));
    }

    /** One DFW step of z = xW + b under the mean hinge loss, from the formulas; updates w, b, zw, zb in place. */
    private static double[] referenceStep(double[][] w, double[] b, double[][] zw, double[] zb, DataSet data) {
        double[][] x = data.getFeatures().toDoubleMatrix();
        int n = x.length;
        double[][] dw = new double[IN][CLASSES];
        double[] db = new double[CLASSES];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double[] s = new double[CLASSES];
            for (int j = 0; j < CLASSES; j++) {
                s[j] = b[j];
                for (int k = 0; k < IN; k++) s[j] += x[i][k] * w[k][j];
            }
            int y = data.getLabels().getRow(i).argMax().getInt(0);
            loss += HingeReference.loss(s, y, 1.0, 0.0) / n;
            double[] g = HingeReference.gradient(s, y, 1.0, 0.0);
            for (int j = 0; j < CLASSES; j++) {
                db[j] += g[j] / n;
                for (int k = 0; k < IN; k++) dw[k][j] += x[i][k] * g[j] / n;
            }
        }
        double dot = 0;
        double sq = 0;
        for (int j = 0; j < CLASSES; j++) {
            dot += db[j] * LAMBDA * b[j];
            sq += db[j] * db[j];
            for (int k = 0; k < IN; k++) {
                dot += dw[k][j] * LAMBDA * w[k][j];
                sq += dw[k][j] * dw[k][j];
            }
        }
        double gamma = Math.max(0, Math.min(1, (loss - ETA * dot) / (ETA * sq + DeepFrankWolfe.DEFAULT_EPSILON)));
        for (int j = 0; j < CLASSES; j++) {
            double rb = LAMBDA * b[j];
            b[j] -= ETA * (rb + gamma * db[j]);
            zb[j] = MU * zb[j] - ETA * gamma * (db[j] + rb);
            b[j] += MU * zb[j];
            for (int k = 0; k < IN; k++) {
                double r = LAMBDA * w[k][j];
                w[k][j] -= ETA * (r + gamma * dw[k][j]);
                zw[k][j] = MU * zw[k][j] - ETA * gamma * (dw[k][j] + r);
                w[k][j] += MU * zw[k][j];
            }
        }
        return new double[]{loss, gamma};
    }

    @Test
    void stepsEqualTheFormulaWithMomentum() {
        MultiLayerNetwork net = linearNet();
        double[][] w = net.getParam("0_W").toDoubleMatrix();
        double[] b = net.getParam("0_b").toDoubleVector();
        double[][] zw = new double[IN][CLASSES];
        double[] zb = new double[CLASSES];
        DeepFrankWolfe dfw = new DeepFrankWolfe(ETA, MU, LAMBDA);
        boolean interiorGamma = false;
        for (int step = 0; step < 3; step++) {
            DataSet data = batch(8, 20 + step);
            double[] expected = referenceStep(w, b, zw, zb, data);
            double loss = dfw.step(net, data);
            assertEquals(expected[0], loss, 1e-10, "loss of step " + step);
            assertEquals(expected[1], dfw.getLastGamma(), 1e-10, "gamma of step " + step);
            interiorGamma |= expected[1] > 0 && expected[1] < 1;
            for (int k = 0; k < IN; k++) {
                assertArrayEquals(w[k], net.getParam("0_W").getRow(k).toDoubleVector(), 1e-10, "W after step " + step);
            }
            assertArrayEquals(b, net.getParam("0_b").toDoubleVector(), 1e-10, "b after step " + step);
        }
        assertTrue(interiorGamma, "no step had 0 < gamma < 1: the test would not exercise the ratio");
        assertEquals(3, net.getIterationCount());
    }

    @Test
    void graphTakesTheSameStepsAsTheNetwork() {
        MultiLayerNetwork net = linearNet();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in").addLayer("out", linearHinge(), "in").setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(net.params().dup(), true);
        DeepFrankWolfe forNet = new DeepFrankWolfe(ETA, MU, LAMBDA);
        DeepFrankWolfe forGraph = new DeepFrankWolfe(ETA, MU, LAMBDA);
        for (int step = 0; step < 3; step++) {
            DataSet data = batch(8, 40 + step);
            assertEquals(forNet.step(net, data), forGraph.step(graph, ComputationGraphUtil.toMultiDataSet(data)), 1e-12);
        }
        assertEquals(net.params(), graph.params());
        assertThrows(IllegalStateException.class, () -> forNet.step(graph, ComputationGraphUtil.toMultiDataSet(batch(8, 1))));
    }

    /** BatchNorm's running statistics move exactly as under DL4J's own fit: from the same forward pass. */
    @Test
    void batchNormStatisticsUpdateAsInDl4j() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(new LossMultiClassHinge()).nOut(CLASSES).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(IN)).build();
        MultiLayerNetwork byDl4j = new MultiLayerNetwork(conf);
        byDl4j.init();
        MultiLayerNetwork byDfw = new MultiLayerNetwork(conf.clone());
        byDfw.init(byDl4j.params().dup(), true);
        INDArray initialMean = byDl4j.getParam("1_mean").dup();
        DataSet data = batch(16, 60);
        byDl4j.fit(data);
        new DeepFrankWolfe(0.5).step(byDfw, data);
        assertNotEquals(initialMean, byDl4j.getParam("1_mean"), "the running mean never moved");
        assertEquals(byDl4j.getParam("1_mean"), byDfw.getParam("1_mean"));
        assertEquals(byDl4j.getParam("1_log10stdev"), byDfw.getParam("1_log10stdev"));
        assertNotEquals(byDl4j.getParam("0_W"), byDfw.getParam("0_W"), "DFW's step is not SGD's");
    }

    @Test
    void latentWeightsStayClipped() {
        MultiLayerNetwork net = new MultiLayerNetwork(hingeMlp(8, 16, 7));
        net.init();
        new DeepFrankWolfe(50.0, 0.9, 0.0).step(net, Nets.clusters(32, 8, CLASSES, 3));
        assertTrue(Transforms.abs(net.getParam("0_W"), true).maxNumber().doubleValue() <= 1.0);
        assertTrue(Transforms.abs(net.getParam("3_W"), true).maxNumber().doubleValue() <= 1.0);
    }

    @Test
    void rejectsWhatItWouldTrainWrongly() {
        MultiLayerNetwork bop = new MultiLayerNetwork(Nets.bopMlp(8, 16, CLASSES, 1, new Bop()));
        bop.init();
        DataSet data = Nets.clusters(16, 8, CLASSES, 3);
        INDArray before = bop.params().dup();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DeepFrankWolfe(0.1).step(bop, data));
        assertTrue(e.getMessage().contains("Bop"), e.getMessage());
        assertEquals(before, bop.params(), "a rejected step changed parameters");

        MultiLayerNetwork l2 = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().l2(1e-4).list()
                .layer(linearHinge()).build());
        l2.init();
        e = assertThrows(IllegalArgumentException.class, () -> new DeepFrankWolfe(0.1).step(l2, batch(4, 1)));
        assertTrue(e.getMessage().contains("weight decay"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DeepFrankWolfe(0.0));
        assertThrows(IllegalArgumentException.class, () -> new DeepFrankWolfe(0.1, 1.0, 0.0));
    }

    @Test
    void restoredMomentumContinuesExactlyLikeAnUninterruptedRun() {
        MultiLayerNetwork whole = new MultiLayerNetwork(hingeMlp(IN, 8, 5));
        whole.init();
        MultiLayerNetwork stopped = whole.clone();
        DeepFrankWolfe a = new DeepFrankWolfe(0.5, MU, LAMBDA);
        DeepFrankWolfe b = new DeepFrankWolfe(0.5, MU, LAMBDA);
        for (int i = 0; i < 3; i++) {
            a.step(whole, Nets.clusters(16, IN, CLASSES, 10 + i));
            b.step(stopped, Nets.clusters(16, IN, CLASSES, 10 + i));
        }
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> saved = b.momentumState();
        assertFalse(saved.isEmpty());
        assertTrue(saved.keySet().contains("layer0/W"), saved.keySet().toString());
        MultiLayerNetwork resumed = stopped.clone(); // as restored from a checkpoint
        DeepFrankWolfe c = new DeepFrankWolfe(0.5, MU, LAMBDA);
        c.restoreMomentum(saved);
        DeepFrankWolfe fresh = new DeepFrankWolfe(0.5, MU, LAMBDA);
        MultiLayerNetwork restarted = stopped.clone();
        for (int i = 3; i < 6; i++) {
            a.step(whole, Nets.clusters(16, IN, CLASSES, 10 + i));
            c.step(resumed, Nets.clusters(16, IN, CLASSES, 10 + i));
            fresh.step(restarted, Nets.clusters(16, IN, CLASSES, 10 + i));
        }
        assertEquals(whole.params(), resumed.params(), "restored momentum: the same steps");
        assertNotEquals(whole.params(), restarted.params(), "momentum from zero differs: the test can tell");
    }

    @Test
    void momentumFromAnotherNetworkIsRefused() {
        MultiLayerNetwork net = new MultiLayerNetwork(hingeMlp(IN, 8, 5));
        net.init();
        DeepFrankWolfe d = new DeepFrankWolfe(0.5, MU, 0);
        d.restoreMomentum(java.util.Map.of("layer0/W", org.nd4j.linalg.factory.Nd4j.zeros(2, 2)));
        IllegalStateException shape = assertThrows(IllegalStateException.class, () -> d.step(net, Nets.clusters(8, IN, CLASSES, 1)));
        assertTrue(shape.getMessage().contains("layer0/W") && shape.getMessage().contains("[2, 2]"), shape.getMessage());
        DeepFrankWolfe e = new DeepFrankWolfe(0.5, MU, 0);
        e.restoreMomentum(java.util.Map.of("layer9/W", org.nd4j.linalg.factory.Nd4j.zeros(2, 2)));
        IllegalStateException name = assertThrows(IllegalStateException.class, () -> e.step(net, Nets.clusters(8, IN, CLASSES, 1)));
        assertTrue(name.getMessage().contains("layer9/W"), name.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new DeepFrankWolfe(0.5, 0, 0).restoreMomentum(java.util.Map.of("layer0/W", org.nd4j.linalg.factory.Nd4j.zeros(1))));
    }

    /** BinaryNet-style MLP with the multi-class hinge: BinaryDense -> BN -> sign -> BinaryDense -> BN -> sign -> out. */
    private static MultiLayerConfiguration hingeMlp(int nIn, int hidden, long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).list()
                .layer(new BinaryDenseLayer.Builder().nOut(hidden).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new BinaryDenseLayer.Builder().nOut(hidden).inputQuantizer(new SteSign()).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new OutputLayer.Builder(new LossMultiClassHinge()).nOut(CLASSES).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(nIn)).build();
    }

    @Test
    void trainsABinarizedMlpFarAboveChance() {
        DataSet train = Nets.clusters(512, 32, CLASSES, 1);
        DataSet test = Nets.clusters(512, 32, CLASSES, 2);
        MultiLayerNetwork net = new MultiLayerNetwork(hingeMlp(32, 64, 7));
        net.init();
        DeepFrankWolfe dfw = new DeepFrankWolfe(0.1, 0.9, 1e-4);
        for (int epoch = 0; epoch < 4; epoch++) {
            for (DataSet b : train.batchBy(64)) {
                dfw.step(net, b);
            }
        }
        Evaluation e = new Evaluation();
        e.eval(test.getLabels(), net.output(test.getFeatures()));
        System.out.println("DFW accuracy " + e.accuracy() + ", last gamma " + dfw.getLastGamma());
        assertTrue(e.accuracy() > 0.85, "test accuracy " + e.accuracy() + " (chance: 0.25)");
    }
}
