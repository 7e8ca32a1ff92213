package org.bnn4j.zoo;

import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedDepthwiseConvolutionLayer;
import org.bnn4j.nn.constraints.WeightClipConstraint;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Arrays;

/**
 * QuickNet (Bannink et al., "Larq Compute Engine: Design, Benchmark, and Deploy State-of-the-Art Binarized Neural
 * Networks", MLSys 2021), with the structure of larq-zoo's {@code QuickNet}, for ImageNet-size images:
 * <ul>
 *   <li>a full-precision stem: 3x3 convolution with stride 2 and 16 channels, BatchNorm, ReLU; a 3x3 depthwise
 *       convolution with stride 2 and a normalizing BatchNorm (no scale, no shift); a 1x1 convolution to 64 channels
 *       and BatchNorm;</li>
 *   <li>four sections of four residual blocks (64, 128, 256, 512 channels). A block is
 *       {@code x + BN(ReLU(conv3x3(SteSign(x), SteSign(W))))}: inputs and kernels are plain signs (no scale;
 *       straight-through gradient clipped at 1.25, latent weights clipped to [-1.25, 1.25]), the convolution pads with
 *       +1, and its output goes through a ReLU before the BatchNorm;</li>
 *   <li>before the first block of sections 2-4 a full-precision transition: ReLU, 2x2 max pooling with stride 1 and no
 *       padding, a fixed 3x3 blur (anti-aliasing) depthwise convolution with stride 2 ({@link BlurPoolInit}, not
 *       trained), a 1x1 convolution to the new width and BatchNorm;</li>
 *   <li>ReLU, global average pooling and a full-precision dense classifier with softmax.</li>
 * </ul>
 * At 3x224x224 and 1000 classes the network has 13,234,088 parameters (larq-zoo's figure, BatchNorm statistics and the
 * blur kernels included), 12.53 M of them binary. BatchNorm uses Keras' momentum and epsilon as larq-zoo does (0.9 and
 * 1e-5 in the blocks and transitions, 0.99 and 1e-3 in the stem).
 *
 * <p>{@code fullPrecision(true)} builds the float twin of the same topology: the block convolutions get Identity
 * quantizers (real inputs and weights); the ReLU after each of them stays its nonlinearity.
 *
 * <p><b>Not trained here.</b> No ImageNet is available offline on this project's machines, and two CPU cores could not
 * train it on ImageNet in any useful time; bnn4j ships no weights for it. It is provided for its architecture, for
 * export to the packed format, for the runtime and for latency measurements ({@code ./bnn4j bench --only imagenet}),
 * and for training on a machine that has the data.
 *
 * <pre>{@code
 * ComputationGraph net = QuickNet.builder().build().init();           // 3x224x224, 1000 classes
 * BnnExporter.export(net, InputType.convolutional(224, 224, 3), Path.of("quicknet.bnn"));
 * ComputationGraph small = QuickNet.builder().inputShape(new int[]{3, 32, 32}).numClasses(10).build().init();
 * }</pre>
 */
public class QuickNet extends ImageNetModel {
    /** larq-zoo's QuickNet sections: blocks per section and their channels. */
    public static final int[] SECTION_BLOCKS = {4, 4, 4, 4};
    public static final int[] SECTION_CHANNELS = {64, 128, 256, 512};
    /** The straight-through estimator's clip value and the latent weights' bound. */
    public static final double CLIP_VALUE = 1.25;

    private final int[] sectionBlocks;
    private final int[] sectionChannels;

    private QuickNet(Builder b) {
        super(b);
        this.sectionBlocks = b.sectionBlocks.clone();
        this.sectionChannels = b.sectionChannels.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int[] getSectionBlocks() {
        return sectionBlocks.clone();
    }

    public int[] getSectionChannels() {
        return sectionChannels.clone();
    }

    @Override
    public String modelName() {
        return isFullPrecision() ? "quicknet-fp" : "quicknet";
    }

    @Override
    protected ComputationGraphConfiguration graph(int[] inputShape) {
        String model = getClass().getSimpleName();
        if (sectionBlocks.length == 0 || sectionBlocks.length != sectionChannels.length) {
            throw new IllegalArgumentException(model + ": sectionBlocks " + Arrays.toString(sectionBlocks)
                    + " and sectionChannels " + Arrays.toString(sectionChannels) + " must be non-empty and of one length");
        }
        for (int i = 0; i < sectionBlocks.length; i++) {
            ZooValidation.requirePositive(model, "sectionBlocks[" + i + "]", sectionBlocks[i]);
            ZooValidation.requirePositive(model, "sectionChannels[" + i + "]", sectionChannels[i]);
        }
        if (sectionChannels[0] % 4 != 0) {
            throw new IllegalArgumentException(model + ": sectionChannels[0] must be a multiple of 4, got " + sectionChannels[0]);
        }
        requireLargeEnough(model, inputShape);
        GraphParts g = new GraphParts(getSeed(), getUpdater(), getWorkspaceMode(), inputShape);
        String x = stem(g, sectionChannels[0]);
        int channels = sectionChannels[0];
        for (int section = 0; section < sectionBlocks.length; section++) {
            for (int block = 0; block < sectionBlocks[section]; block++) {
                String name = "s" + (section + 1) + "b" + (block + 1);
                if (sectionChannels[section] != channels) {
                    channels = sectionChannels[section];
                    x = transition(g, name + "_t", x, channels);
                }
                x = block(g, name, x, channels);
            }
        }
        return g.classifier(g.activation("top_relu", x, Activation.RELU), getNumClasses(), getOutputLoss());
    }

    /** Each transition's 2x2 max pooling without padding needs at least 2x2 values. */
    private void requireLargeEnough(String model, int[] inputShape) {
        for (int axis = 1; axis <= 2; axis++) {
            int size = ceilHalf(ceilHalf(inputShape[axis]));
            int channels = sectionChannels[0];
            for (int section = 0; section < sectionChannels.length; section++) {
                if (sectionChannels[section] != channels) {
                    channels = sectionChannels[section];
                    if (size < 2) {
                        throw new IllegalArgumentException(model + ": inputShape " + Arrays.toString(inputShape)
                                + " is too small: section " + (section + 1) + "'s transition pools 2x2 without padding "
                                + "a 1-pixel map (32x32 is the least for four sections)");
                    }
                    size = ceilHalf(size - 1);
                }
            }
        }
    }

    private static int ceilHalf(int n) {
        return (n + 1) / 2;
    }

    private static String stem(GraphParts g, int channels) {
        g.layer("stem_conv1", heConvolution(channels / 4, 3, 2), "input");
        String x = g.activation("stem_relu", g.batchNorm("stem_bn1", "stem_conv1", 0.99, 1e-3), Activation.RELU);
        g.layer("stem_dw", new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).stride(2, 2).hasBias(false)
                .kernelQuantizer(new Identity()).build(), x);
        x = g.normalizeOnly("stem_bn2", "stem_dw", 0.99, 1e-3);
        g.layer("stem_conv2", heConvolution(channels, 1, 1), x);
        return g.batchNorm("stem_bn3", "stem_conv2", 0.99, 1e-3);
    }

    /** ReLU, 2x2/1 max pooling (valid), fixed blur depthwise 3x3/2, 1x1 convolution, BN. */
    private static String transition(GraphParts g, String name, String in, int channels) {
        String x = g.activation(name + "_relu", in, Activation.RELU);
        x = g.poolValid(name + "_pool", x, PoolingType.MAX, 2, 1);
        g.layer(name + "_blur", new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).stride(2, 2).hasBias(false)
                .kernelQuantizer(new Identity()).weightInit(new BlurPoolInit()).updater(new Sgd(0.0)).build(), x);
        g.layer(name + "_conv", ResNet20Graph.floatConvolution(channels, 1, 1), name + "_blur");
        return g.batchNorm(name + "_bn", name + "_conv", 0.9, 1e-5);
    }

    /** x + BN(ReLU(conv3x3(sign(x)))). */
    private String block(GraphParts g, String name, String in, int channels) {
        g.layer(name + "_conv", blockConvolution(channels), in);
        String residual = g.batchNorm(name + "_bn", name + "_conv", 0.9, 1e-5);
        return g.add(name + "_add", residual, in);
    }

    private Layer blockConvolution(int channels) {
        boolean fp = isFullPrecision();
        Quantizer input = fp ? null : new SteSign(CLIP_VALUE);
        Quantizer kernel = fp ? new Identity() : new SteSign(CLIP_VALUE);
        QuantizedConvolutionLayer.Builder b = new QuantizedConvolutionLayer.Builder(3, 3).nOut(channels).hasBias(false)
                .inputQuantizer(input).kernelQuantizer(kernel).activation(Activation.RELU);
        if (!fp) {
            b.padValue(1.0).constrainWeights(new WeightClipConstraint(-CLIP_VALUE, CLIP_VALUE))
                    .kernelUpdater(getBinaryKernelUpdater());
        }
        return b.build();
    }

    private static Layer heConvolution(int channels, int kernel, int stride) {
        return new QuantizedConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(channels).hasBias(false)
                .kernelQuantizer(new Identity()).weightInit(WeightInit.RELU).build();
    }

    /** Builder for {@link QuickNet}; see the class Javadoc for an example. */
    public static final class Builder extends ImageNetModel.Builder<QuickNet, Builder> {
        private int[] sectionBlocks = SECTION_BLOCKS.clone();
        private int[] sectionChannels = SECTION_CHANNELS.clone();

        /**
         * Blocks per section (default {4, 4, 4, 4}; larq-zoo's QuickNetLarge has {6, 8, 12, 6}).
         */
        public Builder sectionBlocks(int... sectionBlocks) {
            this.sectionBlocks = sectionBlocks.clone();
            return this;
        }

        /** Channels per section (default {64, 128, 256, 512}; larq-zoo's QuickNetSmall has {32, 64, 256, 512}). */
        public Builder sectionChannels(int... sectionChannels) {
            this.sectionChannels = sectionChannels.clone();
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public QuickNet build() {
            return new QuickNet(this);
        }
    }
}
