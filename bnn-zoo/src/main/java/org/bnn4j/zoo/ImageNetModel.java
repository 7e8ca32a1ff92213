package org.bnn4j.zoo;

/**
 * What the ImageNet-size zoo models ({@link BiRealNet18}, {@link QuickNet}) share: an input shape (default 3x224x224)
 * and 1000 classes by default, a ComputationGraph, a validated configuration. They cannot be trained on ImageNet on
 * this project's machines (there is no ImageNet offline, and two CPU cores would need months); they are provided for
 * the architecture, export to the packed format, the runtime and latency measurements.
 */
public abstract class ImageNetModel extends ImageGraphModel {
    /** The default input: ImageNet's 224x224 RGB crops, channels first. */
    public static final int[] IMAGENET_SHAPE = {3, 224, 224};
    /** ImageNet-1k's classes. */
    public static final int IMAGENET_CLASSES = 1000;

    protected ImageNetModel(Builder<?, ?> b) {
        super(b);
    }

    /** 3x224x224 and 1000 classes by default. */
    public abstract static class Builder<M extends ImageNetModel, B extends Builder<M, B>> extends ImageGraphModel.Builder<M, B> {
        protected Builder() {
            super(IMAGENET_SHAPE);
            numClasses(IMAGENET_CLASSES);
        }

        /**
         * {channels, height, width}; 3x224x224 by default. Smaller inputs (e.g. 3x32x32) build the same layers with
         * smaller activations, for tests and quick experiments.
         */
        @Override
        public B inputShape(int[] inputShape) {
            return super.inputShape(inputShape);
        }
    }
}
