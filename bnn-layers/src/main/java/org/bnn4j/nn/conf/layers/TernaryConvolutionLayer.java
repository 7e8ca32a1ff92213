package org.bnn4j.nn.conf.layers;

import lombok.EqualsAndHashCode;
import lombok.ToString;
import org.bnn4j.nn.params.TernaryScalesParamInitializer;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * A 2D convolution (NCHW) with Trained Ternary Quantization (Zhu, Han, Mao, Dally, ICLR 2017): latent float
 * weights w become the ternary kernel {@code +Wp where w > delta, 0 where |w| <= delta, -Wn where w < -delta},
 * with {@code delta = thresholdFactor * max|w|} over the whole kernel and two per-layer scales Wp, Wn
 * trained with the rest of the network (parameters "Wp" and "Wn", initialised to 1, saved with the model,
 * updated by the layer's updater). Inputs stay real-valued unless an input quantizer is set. It runs on
 * the same native {@code conv2d}/{@code conv2d_bp} path as {@link XnorConvolutionLayer} and accepts the
 * same geometry (kernel, stride, padding, dilation, ConvolutionMode, padValue). The math and its sign
 * convention are documented in {@link TrainedTernary}.
 *
 * <pre>{@code
 * .layer(new TernaryConvolutionLayer.Builder(3, 3).nOut(64)
 *         .convolutionMode(ConvolutionMode.Same)
 *         .thresholdFactor(0.05)
 *         .build())
 * .layer(new BatchNormalization.Builder().build())
 * .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
 * }</pre>
 */
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class TernaryConvolutionLayer extends XnorConvolutionLayer {

    /** TTQ's defaults; used by JSON deserialization. */
    public TernaryConvolutionLayer() {
        setInputQuantizer(null);
        setKernelQuantizer(new TrainedTernary());
    }

    protected TernaryConvolutionLayer(Builder builder) {
        super(builder);
    }

    /** t in the threshold {@code delta = t * max|w|}. */
    @JsonIgnore
    public double getThresholdFactor() {
        return QuantizedLayerSupport.trainedTernary(this, getKernelQuantizer()).getThresholdFactor();
    }

    @Override
    protected org.bnn4j.nn.layers.XnorConvolutionLayer createLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        QuantizedLayerSupport.trainedTernary(this, getKernelQuantizer());
        return new org.bnn4j.nn.layers.TernaryConvolutionLayer(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return new TernaryScalesParamInitializer(super.initializer());
    }

    /** Builder for {@link TernaryConvolutionLayer}; see the class Javadoc for an example. */
    public static class Builder extends XnorConvolutionLayer.BaseBuilder<Builder> {
        private double thresholdFactor = TrainedTernary.DEFAULT_THRESHOLD_FACTOR;

        public Builder() {
            super();
            this.inputQuantizer = null; // TTQ quantizes weights only
        }

        /** @param kernelSize kernel height and width */
        public Builder(int... kernelSize) {
            super(kernelSize);
            this.inputQuantizer = null;
        }

        /** t in the threshold {@code delta = t * max|w|}; in (0, 1), default 0.05. */
        public Builder thresholdFactor(double thresholdFactor) {
            this.thresholdFactor = thresholdFactor;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TernaryConvolutionLayer build() {
            String type = TernaryConvolutionLayer.class.getSimpleName();
            kernelQuantizer = QuantizedLayerSupport.trainedTernary(type, layerName, thresholdFactor);
            validate(type);
            return new TernaryConvolutionLayer(this);
        }
    }
}
