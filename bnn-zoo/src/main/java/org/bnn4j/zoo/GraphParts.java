package org.bnn4j.zoo;

import org.bnn4j.nn.conf.layers.BatchNorm;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A ComputationGraph under construction with the few named pieces the ImageNet models are made of; every method adds
 * a vertex and returns its name, so a model reads as a chain of calls.
 */
final class GraphParts {
    private final ComputationGraphConfiguration.GraphBuilder graph;

    GraphParts(long seed, IUpdater updater, WorkspaceMode workspaceMode, int[] inputShape) {
        this.graph = new NeuralNetConfiguration.Builder().seed(seed).updater(updater)
                .weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(workspaceMode).inferenceWorkspaceMode(workspaceMode)
                .graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(inputShape[1], inputShape[2], inputShape[0]));
    }

    String layer(String name, Layer layer, String in) {
        graph.addLayer(name, layer, in);
        return name;
    }

    /** BatchNormalization with Keras' momentum (DL4J's decay) and epsilon. */
    String batchNorm(String name, String in, double momentum, double eps) {
        return layer(name, new BatchNorm.Builder().decay(momentum).eps(eps).build(), in);
    }

    /** BatchNormalization without gamma and beta (Keras' {@code scale=False, center=False}): only normalizes. */
    String normalizeOnly(String name, String in, double momentum, double eps) {
        return layer(name, new BatchNorm.Builder().decay(momentum).eps(eps).lockGammaBeta(true)
                .gamma(1.0).beta(0.0).build(), in);
    }

    String activation(String name, String in, Activation activation) {
        return layer(name, new ActivationLayer.Builder().activation(activation).build(), in);
    }

    String add(String name, String a, String b) {
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        return name;
    }

    /** Pooling with "same" padding (the output is ceil(input / stride)). */
    String pool(String name, String in, PoolingType type, int kernel, int stride) {
        return layer(name, new SubsamplingLayer.Builder(type).kernelSize(kernel, kernel).stride(stride, stride).build(), in);
    }

    /** Pooling without padding (Keras' "valid"). */
    String poolValid(String name, String in, PoolingType type, int kernel, int stride) {
        return layer(name, new SubsamplingLayer.Builder(type).kernelSize(kernel, kernel).stride(stride, stride)
                .convolutionMode(ConvolutionMode.Truncate).build(), in);
    }

    /** Global average pooling, then a dense classifier with a bias and the loss. */
    ComputationGraphConfiguration classifier(String in, int numClasses, OutputLoss loss) {
        return classify(graph, in, numClasses, loss);
    }

    /** Ends {@code graph} with global average pooling ("pool") and the dense classifier ("fc"), and builds it. */
    static ComputationGraphConfiguration classify(ComputationGraphConfiguration.GraphBuilder graph, String in,
                                                  int numClasses, OutputLoss loss) {
        graph.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in)
                .addLayer("fc", loss.outputLayer(numClasses), "pool")
                .setOutputs("fc");
        return graph.build();
    }
}
