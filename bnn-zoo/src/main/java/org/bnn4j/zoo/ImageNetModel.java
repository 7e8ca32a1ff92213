package org.bnn4j.zoo;

import org.bnn4j.nn.conf.BnnConfigValidator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.ZooType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What the ImageNet-size zoo models ({@link BiRealNet18}, {@link QuickNet}) share: an input shape (default 3x224x224)
 * and 1000 classes by default, a ComputationGraph, a validated configuration. They cannot be trained on ImageNet on
 * this project's machines (there is no ImageNet offline, and two CPU cores would need months); they are provided for
 * the architecture, export to the packed format, the runtime and latency measurements.
 */
public abstract class ImageNetModel extends BnnZooModel {
    /** The default input: ImageNet's 224x224 RGB crops, channels first. */
    public static final int[] IMAGENET_SHAPE = {3, 224, 224};
    /** ImageNet-1k's classes. */
    public static final int IMAGENET_CLASSES = 1000;

    private final int[] inputShape;

    protected ImageNetModel(Builder<?, ?> b) {
        super(b);
        this.inputShape = b.inputShape == null ? null : b.inputShape.clone();
    }

    /** {channels, height, width}. */
    public int[] getInputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    @Override
    protected IUpdater defaultUpdater() {
        return new Adam(1e-3);
    }

    /** Builds the graph for a validated input shape. */
    protected abstract ComputationGraphConfiguration graph(int[] inputShape);

    /** The network configuration (validated). */
    public ComputationGraphConfiguration conf() {
        String model = getClass().getSimpleName();
        ZooValidation.requirePositive(model, "numClasses", getNumClasses());
        int[] shape = ZooValidation.requireImageShape(model, inputShape);
        ComputationGraphConfiguration conf = GradientClipping.apply(graph(shape), getGradientClipping());
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

    /** Adds the input shape to the common options, and makes 1000 classes the default. */
    public abstract static class Builder<M extends ImageNetModel, B extends Builder<M, B>> extends BnnZooModel.Builder<M, B> {
        private int[] inputShape = IMAGENET_SHAPE.clone();

        protected Builder() {
            numClasses(IMAGENET_CLASSES);
        }

        /**
         * {channels, height, width}; 3x224x224 by default. Smaller inputs (e.g. 3x32x32) build the same layers with
         * smaller activations, for tests and quick experiments.
         */
        public B inputShape(int[] inputShape) {
            this.inputShape = inputShape == null ? null : inputShape.clone();
            return self();
        }
    }
}
