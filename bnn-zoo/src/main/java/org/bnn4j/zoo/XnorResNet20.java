package org.bnn4j.zoo;

import lombok.AccessLevel;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Getter;
import org.bnn4j.nn.conf.BnnConfigValidator;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.SteSign;
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
 * The binary convolutions pad with {@code padValue} (default +1) so the model is exactly bit-packable.
 */
@Builder
@Getter
@AllArgsConstructor(access = AccessLevel.PRIVATE)
public class XnorResNet20 extends ZooModel<XnorResNet20> {

    @Builder.Default private final long seed = 1234;
    @Builder.Default private final int numClasses = 10;
    /** {channels, height, width}; 3x32x32 for CIFAR-10, 1x28x28 (or padded 1x32x32) for (Fashion-)MNIST. */
    @Builder.Default private final int[] inputShape = {3, 32, 32};
    @Builder.Default private final boolean fullPrecision = false;
    @Builder.Default private final double padValue = 1.0;
    @Builder.Default private final IUpdater updater = new Adam(1e-3);
    @Builder.Default private final WorkspaceMode workspaceMode = WorkspaceMode.ENABLED;

    /** The network configuration (validated). */
    public ComputationGraphConfiguration conf() {
        ZooValidation.requirePositive("XnorResNet20", "numClasses", numClasses);
        int[] shape = ZooValidation.requireImageShape("XnorResNet20", inputShape);
        ComputationGraphConfiguration conf = new ResNet20Graph(seed, updater, workspaceMode, shape, numClasses,
                ResNet20Graph.Shortcuts.EVERY_CONVOLUTION, new ResNet20Graph.BlockConvolutions() {
            @Override
            public Layer convolution(String name, int channels, int stride) {
                if (fullPrecision) {
                    return ResNet20Graph.floatConvolution(channels, 3, stride);
                }
                return new XnorConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(channels).hasBias(false)
                        .inputQuantizer(new SteSign()).kernelQuantizer(new MagnitudeAwareSign())
                        .padValue(padValue).build();
            }

            @Override
            public boolean quantizesInput() {
                return !fullPrecision;
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
        throw new UnsupportedOperationException("Set the input shape with XnorResNet20.builder().inputShape(...)");
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
        return fullPrecision ? "xnor-resnet20-fp" : "xnor-resnet20";
    }
}
