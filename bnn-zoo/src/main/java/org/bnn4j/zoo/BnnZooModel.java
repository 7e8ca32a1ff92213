package org.bnn4j.zoo;

import org.bnn4j.pretrained.PretrainedModelException;
import org.bnn4j.pretrained.PretrainedModels;
import org.bnn4j.zoo.data.ImageDataset;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What bnn4j's zoo models share: the options every one of them has (seed, classes, the full-precision twin
 * switch, updater, workspace mode) with their builder, DL4J {@link ZooModel} answers that do not vary (nothing to
 * download; input shapes are set on the builder), and the trained networks shipped in the jars.
 *
 * <pre>{@code
 * ComputationGraph xnor = XnorResNet20.builder().build().initPretrained(ImageDataset.FASHION_MNIST);
 * MultiLayerNetwork mlp = BinaryNetMlp.builder().build().initPretrained(PretrainedType.MNIST);   // DL4J's enum works too
 * }</pre>
 */
public abstract class BnnZooModel extends ZooModel<BnnZooModel> {
    private final long seed;
    private final int numClasses;
    private final boolean fullPrecision;
    private final IUpdater updater;
    private final WorkspaceMode workspaceMode;
    private final double gradientClipping;
    private final OutputLoss outputLoss;
    private final IUpdater binaryKernelUpdater;

    protected BnnZooModel(Builder<?, ?> b) {
        this.binaryKernelUpdater = b.binaryKernelUpdater;
        this.gradientClipping = b.gradientClipping;
        this.outputLoss = b.outputLoss;
        this.seed = b.seed;
        this.numClasses = b.numClasses;
        this.fullPrecision = b.fullPrecision;
        this.updater = b.updater;
        this.workspaceMode = b.workspaceMode;
    }

    /** The updater the model trains with unless the builder sets another. */
    protected abstract IUpdater defaultUpdater();

    public long getSeed() {
        return seed;
    }

    public int getNumClasses() {
        return numClasses;
    }

    /** Whether this is the full-precision twin: the same topology with Identity quantizers. */
    public boolean isFullPrecision() {
        return fullPrecision;
    }

    /** The configured updater, or the model's default. */
    public IUpdater getUpdater() {
        return updater != null ? updater : defaultUpdater();
    }

    public WorkspaceMode getWorkspaceMode() {
        return workspaceMode;
    }

    /** The element-wise gradient clipping threshold of the weight layers; 0: none. */
    public double getGradientClipping() {
        return gradientClipping;
    }

    /** The updater of the binary kernels alone (e.g. Bop), or null: the model's updater everywhere. */
    public IUpdater getBinaryKernelUpdater() {
        return binaryKernelUpdater;
    }

    /** How the classifier's outputs become the loss (default softmax cross-entropy). */
    public OutputLoss getOutputLoss() {
        return outputLoss;
    }

    @Override
    public void setInputShape(int[][] inputShape) {
        throw new UnsupportedOperationException("Set the input shape with " + getClass().getSimpleName() + ".builder()");
    }

    /** The name of the shipped model of this zoo model trained on {@code dataset}, e.g. {@code xnor-resnet20-fashion-mnist}. */
    public String pretrainedName(ImageDataset dataset) {
        return modelName() + "-" + dataset.id();
    }

    /** Whether a network of this model trained on {@code dataset} is shipped (with its DL4J zip). */
    public boolean pretrainedAvailable(ImageDataset dataset) {
        return PretrainedModels.list().stream()
                .anyMatch(m -> m.name().equals(pretrainedName(dataset)) && m.dl4jFile().isPresent());
    }

    /**
     * The shipped network of this model trained on {@code dataset}, read from the jar (offline, checked against its
     * SHA-256), without updater state. It is the network as it was trained: the builder's options other than the
     * model itself (width, input shape, seed...) do not apply; {@code PretrainedModels.get(pretrainedName(dataset))}
     * says how it was trained, what it takes and its test accuracy. Its inputs are prepared as in training: 28x28
     * pixels in [0, 1], light on black, flat for the MLP and [N, 1, 28, 28] for the ResNets.
     *
     * <pre>{@code
     * ComputationGraph net = XnorResNet20.builder().build().initPretrained(ImageDataset.FASHION_MNIST);
     * INDArray probabilities = net.outputSingle(images);
     * }</pre>
     *
     * @return a {@code MultiLayerNetwork} or a {@code ComputationGraph}, as {@link #init()} does
     * @throws PretrainedModelException if none is shipped for this model and data set (the message lists those that
     *                                  are), or its file is missing or damaged
     */
    @SuppressWarnings("unchecked")
    public <M extends Model> M initPretrained(ImageDataset dataset) {
        return (M) PretrainedNetworks.restore(pretrainedName(dataset), modelType());
    }

    /** DL4J's {@link PretrainedType#MNIST} and {@link PretrainedType#CIFAR10} map to the data sets of the same name. */
    @Override
    public boolean pretrainedAvailable(PretrainedType pretrainedType) {
        ImageDataset dataset = datasetOf(pretrainedType);
        return dataset != null && pretrainedAvailable(dataset);
    }

    /** As {@link #initPretrained(ImageDataset)} for DL4J's {@link PretrainedType#MNIST} and {@link PretrainedType#CIFAR10}. */
    @Override
    public <M extends Model> M initPretrained(PretrainedType pretrainedType) {
        ImageDataset dataset = datasetOf(pretrainedType);
        if (dataset == null) {
            throw new PretrainedModelException(modelName() + "-" + pretrainedType.name().toLowerCase(java.util.Locale.ROOT),
                    "bnn4j ships no " + pretrainedType + " models; use initPretrained(ImageDataset)");
        }
        return initPretrained(dataset);
    }

    private static ImageDataset datasetOf(PretrainedType type) {
        return type == PretrainedType.MNIST ? ImageDataset.MNIST : type == PretrainedType.CIFAR10 ? ImageDataset.CIFAR10 : null;
    }

    @Override
    public String pretrainedUrl(PretrainedType pretrainedType) {
        return null;
    }

    @Override
    public long pretrainedChecksum(PretrainedType pretrainedType) {
        return 0L;
    }

    /**
     * The options every zoo model has; each model's builder extends it.
     *
     * @param <M> the model built
     * @param <B> the concrete builder, returned by every option for chaining
     */
    public abstract static class Builder<M extends BnnZooModel, B extends Builder<M, B>> {
        private long seed = 1234;
        private int numClasses = 10;
        private boolean fullPrecision;
        private IUpdater updater;
        private WorkspaceMode workspaceMode = WorkspaceMode.ENABLED;
        private double gradientClipping;
        private OutputLoss outputLoss = OutputLoss.SOFTMAX_CROSS_ENTROPY;
        private IUpdater binaryKernelUpdater;

        protected abstract B self();

        public abstract M build();

        /** Seed for weight initialisation (default 1234). */
        public B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /** Number of classes (default 10). */
        public B numClasses(int numClasses) {
            this.numClasses = numClasses;
            return self();
        }

        /** Build the full-precision twin instead (default false). */
        public B fullPrecision(boolean fullPrecision) {
            this.fullPrecision = fullPrecision;
            return self();
        }

        /** The updater (default: the model's own, e.g. Adam). */
        public B updater(IUpdater updater) {
            this.updater = updater;
            return self();
        }

        /**
         * Clips each gradient element of every weight layer (not BatchNorm) to {@code [-threshold, threshold]}
         * before the updater, as BinaryNet's training report does with 1.0; 0 (default) turns it off.
         */
        public B gradientClipping(double threshold) {
            if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("gradientClipping must be a finite threshold >= 0, got " + threshold);
            }
            this.gradientClipping = threshold;
            return self();
        }

        /**
         * Softmax cross-entropy (default), BinaryNet's squared hinge, or the multi-class hinge that
         * {@link org.bnn4j.nn.optimize.DeepFrankWolfe} trains with (the hinge losses score the raw outputs).
         */
        public B outputLoss(OutputLoss outputLoss) {
            if (outputLoss == null) {
                throw new IllegalArgumentException("outputLoss must not be null");
            }
            this.outputLoss = outputLoss;
            return self();
        }

        /**
         * An updater for the binary kernels alone, e.g. {@code new Bop()}, while everything else (stem, shortcuts,
         * classifier, BatchNorm, TTQ's scales) keeps the model's updater. Default null: the model's updater everywhere;
         * ignored by the full-precision twin. Models without binary kernels (TTQ-ResNet20) refuse it.
         */
        public B binaryKernelUpdater(IUpdater binaryKernelUpdater) {
            this.binaryKernelUpdater = binaryKernelUpdater;
            return self();
        }

        /** DL4J workspace mode for training and inference (default ENABLED). */
        public B workspaceMode(WorkspaceMode workspaceMode) {
            this.workspaceMode = workspaceMode;
            return self();
        }
    }
}
