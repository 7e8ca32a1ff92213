package org.bnn4j.tests;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.tests.testutil.Data;
import org.bnn4j.tests.testutil.Equivalence;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A BinaryNet MLP with binarized biases exports with sign(b), and the runtime agrees with DL4J. */
class BinarizedBiasEquivalenceTest {

    @Test
    void binarizedBiasesExportAsTheirSigns() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2))
                .list()
                .layer(new BinaryDenseLayer.Builder().nOut(32).biasQuantizer(new SteSign()).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new BinaryDenseLayer.Builder().nOut(32).inputQuantizer(new SteSign()).biasQuantizer(new SteSign()).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(30)).build());
        net.init();
        Data.train(net, Data.clusters(128, 30, 4, 1), 1);
        // latent values that are not ±1 (sign(b) is what DL4J and the runtime must both add)
        net.getLayer(0).getParam("b").assign(0.3).putScalar(0, -0.2);
        Equivalence.ofVectors(net, 30, 4);
    }
}
