package org.bnn4j.zoo;

import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * ResNet-20 for CIFAR-sized images with Trained Ternary Quantization (Zhu et al. 2017) in its residual
 * blocks: every 3x3 block convolution has ternary weights {+Wp, 0, -Wn} with trained per-layer scales, while
 * activations stay real (ReLU) as in the paper. The first convolution, the 1x1 downsampling shortcuts and
 * the final dense layer stay in full precision; blocks are the original two-convolution basic blocks
 * (see {@link ResNet20Graph}). {@code fullPrecision(true)} gives the float ResNet-20 it is compared with.
 *
 * <pre>{@code
 * ComputationGraph net = TtqResNet20.builder().inputShape(new int[]{1, 28, 28}).build().init();
 * net.fit(fashionTrain, 10);
 * }</pre>
 */
public class TtqResNet20 extends ResNet20Model {
    private final double thresholdFactor;

    private TtqResNet20(Builder b) {
        super(b);
        this.thresholdFactor = b.thresholdFactor;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double getThresholdFactor() {
        return thresholdFactor;
    }

    @Override
    protected ResNet20Graph.Shortcuts shortcuts() {
        return ResNet20Graph.Shortcuts.EVERY_BLOCK;
    }

    @Override
    protected Layer quantizedConvolution(int channels, int stride) {
        if (getBinaryKernelUpdater() != null) {
            throw new IllegalArgumentException("TtqResNet20: binaryKernelUpdater (e.g. Bop) flips binary weights; TTQ's "
                    + "kernels are ternary with trained scales");
        }
        return new TernaryConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(channels).hasBias(false)
                .thresholdFactor(thresholdFactor).build();
    }

    @Override
    protected boolean quantizesInput() {
        return false; // TTQ quantizes weights only
    }

    @Override
    public String modelName() {
        return isFullPrecision() ? "resnet20" : "ttq-resnet20";
    }

    /** Builder for {@link TtqResNet20}; see the class Javadoc for an example. */
    public static final class Builder extends ResNet20Model.Builder<TtqResNet20, Builder> {
        private double thresholdFactor = 0.05;

        /** TTQ's threshold: weights with |w| <= thresholdFactor * max|w| become 0 (the paper and the default: 0.05). */
        public Builder thresholdFactor(double thresholdFactor) {
            this.thresholdFactor = thresholdFactor;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public TtqResNet20 build() {
            return new TtqResNet20(this);
        }
    }
}
