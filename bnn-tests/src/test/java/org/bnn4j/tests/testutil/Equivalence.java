package org.bnn4j.tests.testutil;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Train briefly, then compare the exported model with DL4J on 1,000 held-out examples. Works for any network,
 * the zoo's included: {@code Equivalence.compare(net, inputType, testFeatures)}.
 */
public final class Equivalence {
    public static final int TEST_EXAMPLES = 1000;

    private Equivalence() {
    }

    public static RuntimeVsDl4j.Report ofImages(MultiLayerConfiguration conf, int channels, int size, int epochs)
            throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return trainedOnImages(net, channels, size, epochs);
    }

    public static RuntimeVsDl4j.Report ofImages(ComputationGraphConfiguration conf, int channels, int size, int epochs)
            throws Exception {
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return trainedOnImages(net, channels, size, epochs);
    }

    public static RuntimeVsDl4j.Report ofVectors(MultiLayerNetwork net, int features, int classes) throws Exception {
        DataSet test = Data.clusters(TEST_EXAMPLES, features, classes, 2);
        return compare(net, null, test.getFeatures());
    }

    /** Compares and asserts agreement for a MultiLayerNetwork or ComputationGraph. */
    public static RuntimeVsDl4j.Report compare(Model net, InputType inputType, INDArray features) throws Exception {
        RuntimeVsDl4j.Report r = net instanceof MultiLayerNetwork m
                ? RuntimeVsDl4j.compare(m, inputType, features)
                : RuntimeVsDl4j.compare((ComputationGraph) net, inputType, features);
        System.out.println(r);
        return r.assertAgrees();
    }

    private static RuntimeVsDl4j.Report trainedOnImages(Model net, int channels, int size, int epochs) throws Exception {
        Data.train(net, Data.images(256, channels, size, 1), epochs);
        return compare(net, InputType.convolutional(size, size, channels),
                Data.images(TEST_EXAMPLES, channels, size, 2).getFeatures());
    }
}
