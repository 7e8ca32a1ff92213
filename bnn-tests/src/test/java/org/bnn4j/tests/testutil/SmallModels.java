package org.bnn4j.tests.testutil;

import org.bnn4j.zoo.BinaryNetMlp;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Initialised networks of each DL4J type, small enough that saving and restoring them takes milliseconds. */
public final class SmallModels {
    private SmallModels() {
    }

    /** The zoo's BinaryNet MLP, 12 inputs, one hidden layer of 8, 3 classes (bnn4j's layers). */
    public static MultiLayerNetwork multiLayerNetwork() {
        return BinaryNetMlp.builder().inputSize(12).width(8).hiddenLayers(1).numClasses(3).build().init();
    }

    /** A graph of DL4J's own layers: 6 inputs, a dense layer of 4, 3 classes. */
    public static ComputationGraph computationGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }
}
