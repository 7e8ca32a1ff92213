package org.bnn4j.zoo;

import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.quantizers.ApproxSign;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;

/**
 * Bi-Real Net-18 (Liu et al., "Bi-Real Net: Enhancing the Performance of 1-bit CNNs With Improved Representational
 * Capability and Advanced Training Algorithm", ECCV 2018) for ImageNet-size images, with the structure of larq-zoo's
 * {@code BiRealNet}:
 * <ul>
 *   <li>a full-precision stem: 7x7 convolution with stride 2 and 64 channels, BatchNorm, 3x3 max pooling with stride
 *       2 (no ReLU: the next layer binarizes, and signs of a ReLU's output would all be +1);</li>
 *   <li>four stages of four binary 3x3 convolutions each (64, 128, 256, 512 channels; the first of stages 2-4 has
 *       stride 2), each {@code ApproxSign(x) -> conv(MagnitudeAwareSign(W)) -> BN}, with a real-valued shortcut
 *       around every one of them. A shortcut that changes the shape is 2x2 average pooling with stride 2, a
 *       full-precision 1x1 convolution and BatchNorm;</li>
 *   <li>global average pooling and a full-precision dense classifier with softmax.</li>
 * </ul>
 * The binary kernels' latent weights are clipped to [-1, 1], BatchNorm uses Keras' momentum 0.8 and epsilon 1e-3 as
 * larq-zoo does. At 3x224x224 and 1000 classes the network has 11,699,112 parameters (larq-zoo's figure, BatchNorm
 * statistics included), 10.99 M of them binary. The binary convolutions pad with {@code padValue} (default 0, as
 * Larq does; the runtime corrects for the zero taps exactly; +1 or -1 pad with a bit).
 *
 * <p>{@code fullPrecision(true)} builds the float twin of the same topology: Identity quantizers, so without the
 * sign, and a ReLU after the stem's BatchNorm and after each addition as its nonlinearity (as in
 * {@link XnorResNet20}'s twin).
 *
 * <p><b>Not trained here.</b> No ImageNet is available offline on this project's machines, and two CPU cores could not
 * train it on ImageNet in any useful time; bnn4j ships no weights for it. It is provided for its architecture, for
 * export to the packed format, for the runtime and for latency measurements ({@code ./bnn4j bench --only imagenet}),
 * and for training on a machine that has the data.
 *
 * <pre>{@code
 * ComputationGraph net = BiRealNet18.builder().build().init();        // 3x224x224, 1000 classes
 * BnnExporter.export(net, InputType.convolutional(224, 224, 3), Path.of("birealnet18.bnn"));
 * ComputationGraph small = BiRealNet18.builder().inputShape(new int[]{3, 32, 32}).numClasses(10).build().init();
 * }</pre>
 */
public class BiRealNet18 extends ImageNetModel {
    /** Channels of the four stages. */
    public static final int[] STAGE_CHANNELS = {64, 128, 256, 512};
    /** Binary convolutions per stage (two blocks of two). */
    public static final int CONVOLUTIONS_PER_STAGE = 4;
    private static final double MOMENTUM = 0.8;
    private static final double EPS = 1e-3;

    private final double padValue;

    private BiRealNet18(Builder b) {
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
    public String modelName() {
        return isFullPrecision() ? "birealnet18-fp" : "birealnet18";
    }

    @Override
    protected ComputationGraphConfiguration graph(int[] inputShape) {
        GraphParts g = new GraphParts(getSeed(), getUpdater(), getWorkspaceMode(), inputShape);
        g.layer("stem_conv", ResNet20Graph.floatConvolution(64, 7, 2), "input");
        String x = g.batchNorm("stem_bn", "stem_conv", MOMENTUM, EPS);
        if (isFullPrecision()) {
            x = g.activation("stem_relu", x, Activation.RELU);
        }
        x = g.pool("stem_pool", x, PoolingType.MAX, 3, 2);
        int inChannels = 64;
        for (int stage = 0; stage < STAGE_CHANNELS.length; stage++) {
            int channels = STAGE_CHANNELS[stage];
            for (int unit = 0; unit < CONVOLUTIONS_PER_STAGE; unit++) {
                String name = "s" + (stage + 1) + "c" + (unit + 1);
                x = unit(g, name, x, inChannels, channels);
                inChannels = channels;
            }
        }
        return g.classifier(x, getNumClasses(), getOutputLoss());
    }

    /** (sign) -> binary 3x3 conv -> BN, plus a real-valued shortcut; the stride is 2 where the channels change. */
    private String unit(GraphParts g, String name, String in, int inChannels, int channels) {
        int stride = inChannels == channels ? 1 : 2;
        g.layer(name + "_conv", convolution(channels, stride), in);
        String residual = g.batchNorm(name + "_bn", name + "_conv", MOMENTUM, EPS);
        String shortcut = in;
        if (inChannels != channels) {
            g.pool(name + "_down_pool", in, PoolingType.AVG, 2, 2);
            g.layer(name + "_down_conv", ResNet20Graph.floatConvolution(channels, 1, 1), name + "_down_pool");
            shortcut = g.batchNorm(name + "_down_bn", name + "_down_conv", MOMENTUM, EPS);
        }
        String sum = g.add(name + "_add", residual, shortcut);
        return isFullPrecision() ? g.activation(name + "_relu", sum, Activation.RELU) : sum;
    }

    private Layer convolution(int channels, int stride) {
        if (isFullPrecision()) {
            return ResNet20Graph.floatConvolution(channels, 3, stride);
        }
        return new QuantizedConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(channels).hasBias(false)
                .inputQuantizer(new ApproxSign()).kernelQuantizer(new MagnitudeAwareSign()).padValue(padValue)
                .kernelUpdater(getBinaryKernelUpdater()).build();
    }

    /** Builder for {@link BiRealNet18}; see the class Javadoc for an example. */
    public static final class Builder extends ImageNetModel.Builder<BiRealNet18, Builder> {
        private double padValue = 0.0;

        /** Pad value of the binary convolutions: 0 (default, as Larq), +1 or -1. */
        public Builder padValue(double padValue) {
            this.padValue = padValue;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public BiRealNet18 build() {
            return new BiRealNet18(this);
        }
    }
}
