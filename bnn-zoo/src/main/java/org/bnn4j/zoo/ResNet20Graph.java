package org.bnn4j.zoo;

import org.bnn4j.nn.conf.layers.BatchNorm;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The CIFAR ResNet-20 of He et al. (2016) as a ComputationGraph: a 3x3 stem convolution with 16 channels
 * (conv -> BN -> ReLU; without the ReLU when the blocks binarize their input, as in Bi-Real Net),
 * three stages of three blocks with 16, 32 and 64 channels (the first block of stages 2 and 3 halves the
 * resolution), global average pooling and a dense classifier (with the model's {@link OutputLoss}). The stem and the classifier stay in full
 * precision; what the blocks' convolutions are is up to {@link BlockConvolutions}.
 *
 * <p>Two block shapes:
 * <ul>
 *   <li>{@link Shortcuts#EVERY_CONVOLUTION} (Bi-Real Net): {@code x -> sign -> conv -> BN -> (+ shortcut(x))},
 *       a real-valued shortcut around every convolution, so the binary convolutions never have to carry
 *       the whole signal. The sign is the binary convolution's input quantizer. The full-precision twin has
 *       no sign, so it gets its nonlinearity as a ReLU after each addition instead. (Not before the
 *       convolution: there it would read the value the shortcut also reads, and DL4J 1.0.0-M2.1's
 *       ActivationLayer works in place at inference, so the shortcut would be rectified too.)</li>
 *   <li>{@link Shortcuts#EVERY_BLOCK} (the original): {@code conv -> BN -> ReLU -> conv -> BN -> (+ shortcut) -> ReLU}.</li>
 * </ul>
 * Downsampling shortcuts are real-valued: average pooling then a 1x1 full-precision convolution and BN
 * (every-convolution), or a strided 1x1 full-precision convolution and BN (every-block).
 */
final class ResNet20Graph {
    static final int[] STAGE_CHANNELS = {16, 32, 64};
    static final int BLOCKS_PER_STAGE = 3;

    enum Shortcuts { EVERY_CONVOLUTION, EVERY_BLOCK }

    /** Makes the 3x3 convolutions inside the residual blocks. */
    interface BlockConvolutions {
        Layer convolution(String name, int channels, int stride);

        /** Whether the convolutions apply their own input nonlinearity (a binary input quantizer). */
        boolean quantizesInput();
    }

    private final NeuralNetConfiguration.Builder base;
    private final int[] inputShape;
    private final int numClasses;
    private final Shortcuts shortcuts;
    private final BlockConvolutions blockConvolutions;
    private final OutputLoss outputLoss;
    private ComputationGraphConfiguration.GraphBuilder graph;

    ResNet20Graph(long seed, IUpdater updater, WorkspaceMode workspaceMode, int[] inputShape, int numClasses,
                  Shortcuts shortcuts, BlockConvolutions blockConvolutions, OutputLoss outputLoss) {
        this.base = new NeuralNetConfiguration.Builder().seed(seed).updater(updater)
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(workspaceMode).inferenceWorkspaceMode(workspaceMode);
        this.inputShape = inputShape;
        this.numClasses = numClasses;
        this.shortcuts = shortcuts;
        this.blockConvolutions = blockConvolutions;
        this.outputLoss = outputLoss;
    }

    ComputationGraphConfiguration build() {
        graph = base.graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(inputShape[1], inputShape[2], inputShape[0]));
        String x = binaryBlockInputs() ? convBn("stem", "input", 16, 1) : convBnRelu("stem", "input", 16, 1);
        int inChannels = 16;
        for (int stage = 0; stage < STAGE_CHANNELS.length; stage++) {
            for (int block = 0; block < BLOCKS_PER_STAGE; block++) {
                int channels = STAGE_CHANNELS[stage];
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String name = "s" + (stage + 1) + "b" + (block + 1);
                x = shortcuts == Shortcuts.EVERY_CONVOLUTION
                        ? biRealBlock(name, x, inChannels, channels, stride)
                        : basicBlock(name, x, inChannels, channels, stride);
                inChannels = channels;
            }
        }
        return GraphParts.classify(graph, x, numClasses, outputLoss);
    }

    private String biRealBlock(String name, String in, int inChannels, int channels, int stride) {
        String first = biRealUnit(name + "_1", in, inChannels, channels, stride);
        return biRealUnit(name + "_2", first, channels, channels, 1);
    }

    /** (sign) -> conv -> BN, plus a real-valued shortcut ((-> ReLU) in the full-precision twin). */
    private String biRealUnit(String name, String in, int inChannels, int channels, int stride) {
        graph.addLayer(name + "_conv", blockConvolutions.convolution(name + "_conv", channels, stride), in);
        String residual = batchNorm(name + "_bn", name + "_conv");
        String shortcut = in;
        if (stride != 1 || inChannels != channels) {
            graph.addLayer(name + "_down_pool", new SubsamplingLayer.Builder(PoolingType.AVG)
                    .kernelSize(stride, stride).stride(stride, stride).build(), in);
            graph.addLayer(name + "_down_conv", floatConvolution(channels, 1, 1), name + "_down_pool");
            shortcut = batchNorm(name + "_down_bn", name + "_down_conv");
        }
        String sum = add(name + "_add", residual, shortcut);
        return binaryBlockInputs() ? sum : activation(name + "_relu", sum, Activation.RELU);
    }

    /** conv -> BN -> ReLU -> conv -> BN, plus the shortcut, then ReLU. */
    private String basicBlock(String name, String in, int inChannels, int channels, int stride) {
        graph.addLayer(name + "_conv1", blockConvolutions.convolution(name + "_conv1", channels, stride), in);
        String hidden = activation(name + "_relu1", batchNorm(name + "_bn1", name + "_conv1"), Activation.RELU);
        graph.addLayer(name + "_conv2", blockConvolutions.convolution(name + "_conv2", channels, 1), hidden);
        String residual = batchNorm(name + "_bn2", name + "_conv2");
        String shortcut = in;
        if (stride != 1 || inChannels != channels) {
            graph.addLayer(name + "_down_conv", floatConvolution(channels, 1, stride), in);
            shortcut = batchNorm(name + "_down_bn", name + "_down_conv");
        }
        return activation(name + "_relu2", add(name + "_add", residual, shortcut), Activation.RELU);
    }

    private String convBnRelu(String name, String in, int channels, int stride) {
        return activation(name + "_relu", convBn(name, in, channels, stride), Activation.RELU);
    }

    private String convBn(String name, String in, int channels, int stride) {
        graph.addLayer(name + "_conv", floatConvolution(channels, 3, stride), in);
        return batchNorm(name + "_bn", name + "_conv");
    }

    /**
     * Whether the first block reads the stem through a sign (Bi-Real blocks with binary inputs). Then the stem ends
     * at its BN: after a ReLU every sign would be +1, the first binary convolution would see a constant input, and
     * its BN, with a variance of zero, would blow up at inference.
     */
    private boolean binaryBlockInputs() {
        return shortcuts == Shortcuts.EVERY_CONVOLUTION && blockConvolutions.quantizesInput();
    }

    /** A full-precision convolution on bnn4j's fast native path (never DL4J's slow stock layer). */
    static Layer floatConvolution(int channels, int kernel, int stride) {
        return new XnorConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(channels).hasBias(false)
                .inputQuantizer(new Identity()).kernelQuantizer(new Identity()).build();
    }

    private String batchNorm(String name, String in) {
        graph.addLayer(name, new BatchNorm.Builder().build(), in);
        return name;
    }

    private String activation(String name, String in, Activation activation) {
        graph.addLayer(name, new ActivationLayer.Builder().activation(activation).build(), in);
        return name;
    }

    private String add(String name, String a, String b) {
        graph.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        return name;
    }
}
