package org.bnn4j.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * A ResNet-20 zoo model ({@link ResNet20Graph}); subclasses choose the block shape and what the block
 * convolutions are.
 */
public abstract class ResNet20Model extends ImageGraphModel {
    protected ResNet20Model(Builder<?, ?> b) {
        super(b);
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

    @Override
    protected ComputationGraphConfiguration graph(int[] shape) {
        return new ResNet20Graph(getSeed(), getUpdater(), getWorkspaceMode(), shape, getNumClasses(), shortcuts(),
                blockConvolutions(), getOutputLoss()).build();
    }

    /** 3x32x32 by default. */
    public abstract static class Builder<M extends ResNet20Model, B extends Builder<M, B>> extends ImageGraphModel.Builder<M, B> {
        protected Builder() {
            super(new int[]{3, 32, 32});
        }

        /** {channels, height, width}; 3x32x32 (default) for CIFAR-10, 1x28x28 (or padded 1x32x32) for (Fashion-)MNIST. */
        @Override
        public B inputShape(int[] inputShape) {
            return super.inputShape(inputShape);
        }
    }
}
