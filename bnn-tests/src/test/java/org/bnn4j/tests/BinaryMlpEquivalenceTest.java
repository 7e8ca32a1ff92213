package org.bnn4j.tests;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.tests.testutil.Data;
import org.bnn4j.tests.testutil.RuntimeVsDl4j;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** BinaryNet-style MLPs: the packed runtime agrees with DL4J on 1,000 inputs, layer by layer. */
class BinaryMlpEquivalenceTest {

    private static MultiLayerConfiguration binaryNet(boolean xnorScales, boolean logStd, boolean bias) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-2)).list();
        b.layer(new BinaryDenseLayer.Builder().nOut(96).hasBias(bias).name("dense0")
                .kernelQuantizer(xnorScales ? new MagnitudeAwareSign() : new SteSign()).build());
        b.layer(new BatchNormalization.Builder().useLogStd(logStd).name("bn0").build());
        b.layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign0").build());
        b.layer(new DropoutLayer.Builder(0.8).name("drop0").build());
        b.layer(new BinaryDenseLayer.Builder().nOut(80).inputQuantizer(new SteSign()).hasBias(bias).name("dense1")
                .kernelQuantizer(xnorScales ? new MagnitudeAwareSign() : new SteSign()).build());
        b.layer(new BatchNormalization.Builder().useLogStd(logStd).name("bn1").build());
        b.layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign1").build());
        b.layer(new BinaryDenseLayer.Builder().nOut(70).inputQuantizer(new SteSign()).name("dense2").build());
        b.layer(new BatchNormalization.Builder().useLogStd(logStd).name("bn2").build());
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5).activation(Activation.SOFTMAX)
                .name("out").build());
        return b.setInputType(InputType.feedForward(40)).build();
    }

    private static RuntimeVsDl4j.Report trainAndCompare(MultiLayerConfiguration conf) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Data.train(net, Data.clusters(512, 40, 5, 1), 3);
        DataSet test = Data.clusters(1000, 40, 5, 2);
        RuntimeVsDl4j.Report report = RuntimeVsDl4j.compare(net, null, test.getFeatures());
        System.out.println(report);
        return report.assertAgrees();
    }

    @Test
    void binaryNetWithSignKernelsAgrees() throws Exception {
        RuntimeVsDl4j.Report r = trainAndCompare(binaryNet(false, true, true));
        assertTrue(r.layersCompared().containsAll(java.util.List.of("sign0", "sign1", "bn2", "out")), r.toString());
        assertTrue(r.bitsCompared() >= 1000L * (96 + 80), r.toString());
    }

    @Test
    void xnorScaledKernelsWithoutBiasAndVarianceParametersAgree() throws Exception {
        trainAndCompare(binaryNet(true, false, false));
    }
}
