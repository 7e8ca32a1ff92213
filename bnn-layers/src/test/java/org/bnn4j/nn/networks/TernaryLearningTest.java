package org.bnn4j.nn.networks;

import org.bnn4j.nn.testutil.Nets;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.*;

/** A Trained Ternary Quantization conv net learns a generated task far above chance, and trains its scales. */
class TernaryLearningTest {

    @Test
    void ternaryConvNetLearnsStripeOrientationAndTrainsItsScales() {
        DataSet train = Nets.stripes(256, 8, 13);
        DataSet test = Nets.stripes(256, 8, 14);
        MultiLayerNetwork net = new MultiLayerNetwork(Nets.ternaryConvNet(8, 8, 4, 15));
        net.init();
        for (int epoch = 0; epoch < 6; epoch++) {
            for (DataSet batch : train.batchBy(32)) {
                net.fit(batch);
            }
        }
        Evaluation e = new Evaluation();
        e.eval(test.getLabels(), net.output(test.getFeatures()));
        System.out.println("accuracy " + e.accuracy());
        assertTrue(e.accuracy() > 0.9, "test accuracy " + e.accuracy() + " (chance: 0.25)");
        for (String layer : new String[]{"0_", "3_"}) {
            double wp = net.getParam(layer + "Wp").getDouble(0);
            double wn = net.getParam(layer + "Wn").getDouble(0);
            System.out.println(layer + " Wp=" + wp + " Wn=" + wn);
            assertNotEquals(1.0, wp, 1e-3, layer + "Wp must move from its initial 1");
            assertNotEquals(1.0, wn, 1e-3, layer + "Wn must move from its initial 1");
            assertNotEquals(wp, wn, 1e-3, layer + "the two scales are trained independently");
        }
    }
}
