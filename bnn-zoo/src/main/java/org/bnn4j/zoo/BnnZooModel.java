package org.bnn4j.zoo;

import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What bnn4j's zoo models share: the options every one of them has (seed, classes, the full-precision twin
 * switch, updater, workspace mode) with their builder, and DL4J {@link ZooModel} answers that do not vary (no
 * pretrained weights to download; input shapes are set on the builder).
 */
public abstract class BnnZooModel extends ZooModel<BnnZooModel> {
    private final long seed;
    private final int numClasses;
    private final boolean fullPrecision;
    private final IUpdater updater;
    private final WorkspaceMode workspaceMode;
    private final double gradientClipping;

    protected BnnZooModel(Builder<?, ?> b) {
        this.gradientClipping = b.gradientClipping;
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

    @Override
    public void setInputShape(int[][] inputShape) {
        throw new UnsupportedOperationException("Set the input shape with " + getClass().getSimpleName() + ".builder()");
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

        /** DL4J workspace mode for training and inference (default ENABLED). */
        public B workspaceMode(WorkspaceMode workspaceMode) {
            this.workspaceMode = workspaceMode;
            return self();
        }
    }
}
