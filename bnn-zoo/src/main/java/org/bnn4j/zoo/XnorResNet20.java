package org.bnn4j.zoo;

import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.SteSign;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * ResNet-20 for CIFAR-sized images with XNOR-Net convolutions in its residual blocks: inputs binarized by
 * sign, kernels {@code alpha_c * sign(W_c)} (Rastegari et al. 2016). The first convolution and the final
 * dense layer stay in full precision, and the shortcuts are real-valued, one around every binary
 * convolution (Bi-Real Net's structure; see {@link ResNet20Graph}). {@code fullPrecision(true)} builds the
 * float twin of the same topology (Identity quantizers, and a ReLU after each addition as its nonlinearity).
 *
 * <pre>{@code
 * ComputationGraph net = XnorResNet20.builder().inputShape(new int[]{1, 28, 28}).numClasses(10).build().init();
 * net.fit(fashionTrain, 10);
 * }</pre>
 *
 * The binary convolutions pad with {@code padValue} (default +1) so the padding is a bit like any other.
 */
public class XnorResNet20 extends ResNet20Model {
    private final double padValue;

    private XnorResNet20(Builder b) {
        super(b);
        this.padValue = b.padValue;
    }

    public static Builder builder() {
        return new Builder();
    }

    public double getPadValue() {
        return padValue;
    }

    @Override
    protected ResNet20Graph.Shortcuts shortcuts() {
        return ResNet20Graph.Shortcuts.EVERY_CONVOLUTION;
    }

    @Override
    protected Layer quantizedConvolution(int channels, int stride) {
        return new XnorConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(channels).hasBias(false)
                .inputQuantizer(new SteSign()).kernelQuantizer(new MagnitudeAwareSign()).padValue(padValue)
                .kernelUpdater(getBinaryKernelUpdater()).build();
    }

    @Override
    protected boolean quantizesInput() {
        return true;
    }

    @Override
    public String modelName() {
        return isFullPrecision() ? "xnor-resnet20-fp" : "xnor-resnet20";
    }

    /** Builder for {@link XnorResNet20}; see the class Javadoc for an example. */
    public static final class Builder extends ResNet20Model.Builder<XnorResNet20, Builder> {
        private double padValue = 1.0;

        /** Pad value of the binary convolutions: +1 (default), -1 or 0. */
        public Builder padValue(double padValue) {
            this.padValue = padValue;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public XnorResNet20 build() {
            return new XnorResNet20(this);
        }
    }
}
