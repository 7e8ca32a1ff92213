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
 * What the zoo's image classifiers built as a ComputationGraph share ({@link ResNet20Model}, {@link ImageNetModel}):
 * an input shape {channels, height, width}, Adam(1e-3) by default, and a configuration that is validated (shape,
 * classes, {@link BnnConfigValidator}) and gets the builder's gradient clipping. A subclass only builds the graph.
 *
 * <pre>{@code
 * ComputationGraph net = XnorResNet20.builder().inputShape(new int[]{1, 28, 28}).build().init();
 * }</pre>
 */
public abstract class ImageGraphModel extends BnnZooModel {
    private final int[] inputShape;

    protected ImageGraphModel(Builder<?, ?> b) {
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

    /** Adds the input shape to the common options; each family gives its default. */
    public abstract static class Builder<M extends ImageGraphModel, B extends Builder<M, B>> extends BnnZooModel.Builder<M, B> {
        private int[] inputShape;

        protected Builder(int[] defaultInputShape) {
            this.inputShape = defaultInputShape.clone();
        }

        /** {channels, height, width}. */
        public B inputShape(int[] inputShape) {
            this.inputShape = inputShape == null ? null : inputShape.clone();
            return self();
        }
    }
}
