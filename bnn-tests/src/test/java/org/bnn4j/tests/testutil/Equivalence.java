package org.bnn4j.tests.testutil;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/** Train briefly, then compare the exported model with DL4J on 1,000 held-out examples. */
public final class Equivalence {
    public static final int TEST_EXAMPLES = 1000;

    private Equivalence() {
    }

    public static RuntimeVsDl4j.Report ofImages(MultiLayerConfiguration conf, int channels, int size, int epochs)
            throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Data.train(net, Data.images(256, channels, size, 1), epochs);
        return report(RuntimeVsDl4j.compare(net, InputType.convolutional(size, size, channels),
                Data.images(TEST_EXAMPLES, channels, size, 2).getFeatures()));
    }

    public static RuntimeVsDl4j.Report ofImages(ComputationGraphConfiguration conf, int channels, int size, int epochs)
            throws Exception {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Data.train(net, Data.images(256, channels, size, 1), epochs);
        return report(RuntimeVsDl4j.compare(net, InputType.convolutional(size, size, channels),
                Data.images(TEST_EXAMPLES, channels, size, 2).getFeatures()));
    }

    public static RuntimeVsDl4j.Report ofVectors(MultiLayerNetwork net, int features, int classes) throws Exception {
        DataSet test = Data.clusters(TEST_EXAMPLES, features, classes, 2);
        return report(RuntimeVsDl4j.compare(net, null, test.getFeatures()));
    }

    private static RuntimeVsDl4j.Report report(RuntimeVsDl4j.Report r) {
        System.out.println(r);
        return r.assertAgrees();
    }
}
