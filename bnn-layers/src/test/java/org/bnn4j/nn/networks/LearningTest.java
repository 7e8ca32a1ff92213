package org.bnn4j.nn.networks;

import org.bnn4j.nn.testutil.Nets;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.*;

/** Binarized networks learn generated tasks far above chance (25% for 4 classes). */
class LearningTest {

    private static double accuracy(INDArray predictions, INDArray labels) {
        Evaluation e = new Evaluation();
        e.eval(labels, predictions);
        return e.accuracy();
    }

    @Test
    void binarizedMlpLearnsClusters() {
        DataSet train = Nets.clusters(1024, 32, 4, 1);
        DataSet test = Nets.clusters(512, 32, 4, 2);
        MultiLayerNetwork net = new MultiLayerNetwork(Nets.binaryMlp(32, 128, 4, 7));
        net.init();
        for (int epoch = 0; epoch < 15; epoch++) {
            for (DataSet batch : train.batchBy(64)) {
                net.fit(batch);
            }
        }
        double acc = accuracy(net.output(test.getFeatures()), test.getLabels());
        System.out.println("accuracy " + acc);
        assertTrue(acc > 0.85, "test accuracy " + acc);
        // Latent weights stayed clipped despite a large learning rate.
        for (String layer : new String[]{"0_W", "3_W"}) {
            INDArray w = net.getParam(layer);
            assertTrue(Transforms.abs(w, true).maxNumber().doubleValue() <= 1.0, layer + " left [-1, 1]");
        }
    }

    @Test
    void xnorConvNetLearnsStripeOrientation() {
        DataSet train = Nets.stripes(384, 10, 3);
        DataSet test = Nets.stripes(256, 10, 4);
        MultiLayerNetwork net = new MultiLayerNetwork(Nets.xnorConvNet(10, 4, 5));
        net.init();
        for (int epoch = 0; epoch < 6; epoch++) {
            for (DataSet batch : train.batchBy(32)) {
                net.fit(batch);
            }
        }
        double acc = accuracy(net.output(test.getFeatures()), test.getLabels());
        System.out.println("accuracy " + acc);
        assertTrue(acc > 0.9, "test accuracy " + acc);
    }

    @Test
    void xnorConvGraphLearnsStripeOrientation() {
        DataSet train = Nets.stripes(384, 10, 5);
        DataSet test = Nets.stripes(256, 10, 6);
        ComputationGraph net = new ComputationGraph(Nets.xnorConvGraph(10, 4, 9));
        net.init();
        for (int epoch = 0; epoch < 6; epoch++) {
            for (DataSet batch : train.batchBy(32)) {
                net.fit(batch);
            }
        }
        double acc = accuracy(net.outputSingle(test.getFeatures()), test.getLabels());
        System.out.println("accuracy " + acc);
        assertTrue(acc > 0.9, "test accuracy " + acc);
    }
}
