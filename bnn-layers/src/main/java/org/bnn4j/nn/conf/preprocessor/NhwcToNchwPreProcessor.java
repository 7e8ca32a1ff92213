package org.bnn4j.nn.conf.preprocessor;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Takes channels-last images [N, H, W, C] (TensorFlow/Keras' layout) and hands bnn4j's NCHW layers
 * [N, C, H, W]; gradients go back the other way. Models imported from Keras put it in front of their first layer,
 * so inputs prepared for the Keras model work unchanged; the exporter writes it as the packed model's NHWC input.
 *
 * <pre>{@code
 * new NeuralNetConfiguration.Builder().list()
 *         .layer(new QuantizedConvolutionLayer.Builder(3, 3).nOut(16).build())
 *         .inputPreProcessor(0, new NhwcToNchwPreProcessor())
 *         .setInputType(InputType.convolutional(30, 30, 3, CNN2DFormat.NHWC))
 *         .build();
 * }</pre>
 */
public class NhwcToNchwPreProcessor implements InputPreProcessor {
    /** The image's size when known (0 otherwise): DL4J stores no input type, the exporter reads it here. */
    private long height;
    private long width;
    private long channels;

    /** For an input of unknown size (pass the input type to the exporter). */
    public NhwcToNchwPreProcessor() {
    }

    /** For [N, height, width, channels] inputs; {@code BnnExporter.export(net, path)} then needs no input type. */
    public NhwcToNchwPreProcessor(long height, long width, long channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    public long getHeight() {
        return height;
    }

    public long getWidth() {
        return width;
    }

    public long getChannels() {
        return channels;
    }

    /** The channels-last input type, or null if the size is not known. */
    public InputType inputType() {
        return height > 0 ? InputType.convolutional(height, width, channels, CNN2DFormat.NHWC) : null;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        requireRank4(input);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(0, 3, 1, 2), 'c');
    }

    @Override
    public INDArray backprop(INDArray epsilon, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        requireRank4(epsilon);
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon.permute(0, 2, 3, 1), 'c');
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c) || c.getFormat() != CNN2DFormat.NHWC) {
            throw new IllegalArgumentException("NhwcToNchwPreProcessor expects a channels-last (NHWC) image input, got "
                    + inputType);
        }
        return InputType.convolutional(c.getHeight(), c.getWidth(), c.getChannels(), CNN2DFormat.NCHW);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public NhwcToNchwPreProcessor clone() {
        return new NhwcToNchwPreProcessor(height, width, channels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NhwcToNchwPreProcessor p && p.height == height && p.width == width
                && p.channels == channels;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(height, width, channels);
    }

    @Override
    public String toString() {
        return "NhwcToNchwPreProcessor(" + height + ", " + width + ", " + channels + ")";
    }

    private static void requireRank4(INDArray a) {
        if (a.rank() != 4) {
            throw new IllegalArgumentException("NhwcToNchwPreProcessor expects rank-4 [N, H, W, C] arrays, got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
    }
}
