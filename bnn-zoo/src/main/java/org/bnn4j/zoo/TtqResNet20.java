package org.bnn4j.zoo;

import lombok.AccessLevel;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Getter;
import org.bnn4j.nn.conf.BnnConfigValidator;
import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.ZooType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

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
@Builder
@Getter
@AllArgsConstructor(access = AccessLevel.PRIVATE)
public class TtqResNet20 extends ZooModel<TtqResNet20> {

    @Builder.Default private final long seed = 1234;
    @Builder.Default private final int numClasses = 10;
    /** {channels, height, width}; 3x32x32 for CIFAR-10, 1x28x28 (or padded 1x32x32) for (Fashion-)MNIST. */
    @Builder.Default private final int[] inputShape = {3, 32, 32};
    @Builder.Default private final boolean fullPrecision = false;
    /** TTQ's threshold: weights with |w| <= thresholdFactor * max|w| become 0 (the paper: 0.05). */
    @Builder.Default private final double thresholdFactor = 0.05;
    @Builder.Default private final IUpdater updater = new Adam(1e-3);
    @Builder.Default private final WorkspaceMode workspaceMode = WorkspaceMode.ENABLED;

    /** The network configuration (validated). */
    public ComputationGraphConfiguration conf() {
        ZooValidation.requirePositive("TtqResNet20", "numClasses", numClasses);
        int[] shape = ZooValidation.requireImageShape("TtqResNet20", inputShape);
        ComputationGraphConfiguration conf = new ResNet20Graph(seed, updater, workspaceMode, shape, numClasses,
                ResNet20Graph.Shortcuts.EVERY_BLOCK, new ResNet20Graph.BlockConvolutions() {
            @Override
            public Layer convolution(String name, int channels, int stride) {
                if (fullPrecision) {
                    return ResNet20Graph.floatConvolution(channels, 3, stride);
                }
                return new TernaryConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(channels).hasBias(false)
                        .thresholdFactor(thresholdFactor).build();
            }

            @Override
            public boolean quantizesInput() {
                return false; // TTQ quantizes weights only
            }
        }).build();
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
    public void setInputShape(int[][] inputShape) {
        throw new UnsupportedOperationException("Set the input shape with TtqResNet20.builder().inputShape(...)");
    }

    @Override
    public ModelMetaData metaData() {
        return new ModelMetaData(new int[][]{inputShape}, 1, ZooType.CNN);
    }

    @Override
    public Class<? extends Model> modelType() {
        return ComputationGraph.class;
    }

    @Override
    public String pretrainedUrl(PretrainedType pretrainedType) {
        return null;
    }

    @Override
    public long pretrainedChecksum(PretrainedType pretrainedType) {
        return 0L;
    }

    @Override
    public String modelName() {
        return fullPrecision ? "resnet20" : "ttq-resnet20";
    }
}
