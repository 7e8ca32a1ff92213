package org.bnn4j.tests;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.tests.testutil.Data;
import org.bnn4j.tests.testutil.Equivalence;
import org.bnn4j.tests.testutil.RuntimeVsDl4j;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BatchNorms with negative gamma (the threshold comparison flips), zero gamma (the channel is the constant
 * sign(beta), beta = 0 included) and locked gamma/beta, set by hand on a trained network, agree with DL4J.
 */
class BatchNormEdgeCasesEquivalenceTest {

    private static MultiLayerNetwork trainedNet(BatchNormalization.Builder bn) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(1e-2)).list()
                .layer(new BinaryDenseLayer.Builder().nOut(64).kernelQuantizer(new MagnitudeAwareSign()).name("dense0").build())
                .layer(bn.name("bn0").build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign0").build())
                .layer(new BinaryDenseLayer.Builder().nOut(64).inputQuantizer(new SteSign()).name("dense1").build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign1").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.feedForward(30))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Data.train(net, Data.clusters(256, 30, 4, 1), 2);
        return net;
    }

    @Test
    void negativeAndZeroGammaAgree() throws Exception {
        MultiLayerNetwork net = trainedNet(new BatchNormalization.Builder());
        for (int layer : new int[]{1, 4}) {
            INDArray gamma = net.getLayer(layer).getParam("gamma");
            INDArray beta = net.getLayer(layer).getParam("beta");
            for (int c = 0; c < gamma.length(); c++) {
                switch (c % 5) {
                    case 0, 1 -> gamma.putScalar(c, -Math.abs(gamma.getDouble(c)) - 0.1); // flipped comparison
                    case 2 -> {                                                            // constant channels
                        gamma.putScalar(c, 0.0);
                        beta.putScalar(c, (c % 3) - 1.0);                                  // -1, 0 and +1
                    }
                    default -> { }
                }
            }
        }
        RuntimeVsDl4j.Report r = Equivalence.ofVectors(net, 30, 4);
        // real input: float thresholds; a constant channel compares with an infinity
        OutputStage.FloatThresholds real = (OutputStage.FloatThresholds) ((LinearSpec) r.exported().spec().ops().get(0)).stage();
        assertTrue(real.flip()[0] && real.flip()[1] && !real.flip()[3], "negative gamma flips the comparison");
        assertTrue(Float.isInfinite(real.thresholds()[2]) && !real.flip()[2], "zero gamma gives a constant channel");
        // sign input: integer thresholds; a constant channel is -(K+1) or K+1 with K = 64
        OutputStage.IntThresholds ints = (OutputStage.IntThresholds) ((LinearSpec) r.exported().spec().ops().get(1)).stage();
        assertTrue(ints.flip()[0] && ints.flip()[1] && !ints.flip()[3], "negative gamma flips the comparison");
        assertEquals(65, Math.abs(ints.thresholds()[2]), "zero gamma gives a constant channel");
    }

    /**
     * Means on the accumulator's lattice with beta 0 make BatchNorm outputs of exactly 0 for some inputs, which
     * sign maps to +1: the thresholds must put those ties on the +1 side, for either sign of gamma.
     */
    @Test
    void exactTiesAgree() throws Exception {
        MultiLayerNetwork net = trainedNet(new BatchNormalization.Builder());
        INDArray gamma = net.getLayer(4).getParam("gamma");
        INDArray beta = net.getLayer(4).getParam("beta");
        INDArray mean = net.getLayer(4).getParam("mean");
        for (int c = 0; c < gamma.length(); c++) {
            gamma.putScalar(c, c % 2 == 0 ? 1.5 : -1.5);
            beta.putScalar(c, 0.0);
            mean.putScalar(c, 2 * ((c % 9) - 4));  // dense1 has 64 sign inputs, no scale: even accumulators
        }
        net.getLayer(3).getParam("b").assign(0);
        RuntimeVsDl4j.Report r = Equivalence.ofVectors(net, 30, 4);
        assertTrue(r.bitsCompared() > 0, r.toString());
    }

    @Test
    void lockedGammaAndBetaAgree() throws Exception {
        MultiLayerNetwork applied = trainedNet(new BatchNormalization.Builder().lockGammaBeta(true).gamma(-2.0).beta(0.25));
        Equivalence.ofVectors(applied, 30, 4);
        // DL4J applies locked values only when gamma != 1 and beta != 0; the exporter does what DL4J does
        MultiLayerNetwork ignored = trainedNet(new BatchNormalization.Builder().lockGammaBeta(true).gamma(-2.0).beta(0.0));
        RuntimeVsDl4j.Report r = Equivalence.ofVectors(ignored, 30, 4);
        LinearSpec first = (LinearSpec) r.exported().spec().ops().get(0);
        assertEquals(false, ((OutputStage.FloatThresholds) first.stage()).flip()[0],
                "gamma -2 with beta 0 is not applied by DL4J");
    }
}
