package org.bnn4j.zoo;

import org.bnn4j.nn.conf.BnnConfigValidator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.ZooType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A ResNet-20 zoo model ({@link ResNet20Graph}); subclasses choose the block shape and what the block
 * convolutions are.
 */
public abstract class ResNet20Model extends BnnZooModel {
    private final int[] inputShape;

    protected ResNet20Model(Builder<?, ?> b) {
        super(b);
        this.inputShape = b.inputShape.clone();
    }

    /** Where the residual shortcuts go. */
    protected abstract ResNet20Graph.Shortcuts shortcuts();

    /** A quantized 3x3 block convolution (the full-precision twin uses float ones instead). */
    protected abstract Layer quantizedConvolution(int channels, int stride);

    /** Whether the quantized block convolutions binarize their input (they then need no other nonlinearity). */
    protected abstract boolean quantizesInput();

    private ResNet20Graph.BlockConvolutions blockConvolutions() {
        return new ResNet20Graph.BlockConvolutions() {
            @Override
            public Layer convolution(String name, int channels, int stride) {
                return isFullPrecision() ? ResNet20Graph.floatConvolution(channels, 3, stride)
                        : quantizedConvolution(channels, stride);
            }

            @Override
            public boolean quantizesInput() {
                return !isFullPrecision() && ResNet20Model.this.quantizesInput();
            }
        };
    }

    /** {channels, height, width}. */
    public int[] getInputShape() {
        return inputShape.clone();
    }

    @Override
    protected IUpdater defaultUpdater() {
        return new Adam(1e-3);
    }

    /** The network configuration (validated). */
    public ComputationGraphConfiguration conf() {
        String model = getClass().getSimpleName();
        ZooValidation.requirePositive(model, "numClasses", getNumClasses());
        int[] shape = ZooValidation.requireImageShape(model, inputShape);
        ComputationGraphConfiguration conf = GradientClipping.apply(new ResNet20Graph(getSeed(), getUpdater(),
                getWorkspaceMode(), shape, getNumClasses(), shortcuts(), blockConvolutions()).build(), getGradientClipping());
        BnnConfigValidator.requireValid(conf);
        return conf;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ComputationGraph init() {
        ComputationGraph net = new ComputationGraph(conf());
        net.init();
        return net;
    }

    @Override
    public ModelMetaData metaData() {
        return new ModelMetaData(new int[][]{inputShape}, 1, ZooType.CNN);
    }

    @Override
    public Class<? extends Model> modelType() {
        return ComputationGraph.class;
    }

    /** Adds the input shape to the common options. */
    public abstract static class Builder<M extends ResNet20Model, B extends Builder<M, B>> extends BnnZooModel.Builder<M, B> {
        private int[] inputShape = {3, 32, 32};

        /** {channels, height, width}; 3x32x32 (default) for CIFAR-10, 1x28x28 (or padded 1x32x32) for (Fashion-)MNIST. */
        public B inputShape(int[] inputShape) {
            this.inputShape = inputShape == null ? null : inputShape.clone();
            return self();
        }
    }
}
