package org.bnn4j.nn.conf.layers;

import lombok.EqualsAndHashCode;
import lombok.ToString;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Trained Ternary Quantization's convolution (Zhu, Han, Mao, Dally, ICLR 2017): a {@link QuantizedConvolutionLayer}
 * whose kernel quantizer is {@link TrainedTernary}, which turns the latent weights w into
 * {@code +Wp where w > delta, 0 where |w| <= delta, -Wn where w < -delta} with {@code delta = thresholdFactor * max|w|}
 * over the whole kernel and owns the two per-layer scales Wp and Wn (parameters "Wp" and "Wn", initialised to 1,
 * saved with the model, updated by the layer's updater). Inputs stay real-valued unless an input quantizer is set.
 * Geometry, padValue and the native conv2d path are the general layer's.
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
public class TernaryConvolutionLayer extends QuantizedConvolutionLayer {

    /** TTQ's defaults; used by JSON deserialization. */
    public TernaryConvolutionLayer() {
        setKernelQuantizer(new TrainedTernary());
    }

    protected TernaryConvolutionLayer(Builder builder) {
        super(builder);
    }

    @Override
    protected void requirePresetQuantizers() {
        QuantizedLayerSupport.trainedTernary(this, getKernelQuantizer());
    }

    /** t in the threshold {@code delta = t * max|w|}. */
    @JsonIgnore
    public double getThresholdFactor() {
        return QuantizedLayerSupport.trainedTernary(this, getKernelQuantizer()).getThresholdFactor();
    }

    /** Builder for {@link TernaryConvolutionLayer}; see the class Javadoc for an example. */
    public static class Builder extends QuantizedConvolutionLayer.BaseBuilder<Builder> {
        private Double thresholdFactor;

        public Builder() {
            super();
            quantizers.kernel = new TrainedTernary();
        }

        /** @param kernelSize kernel height and width */
        public Builder(int... kernelSize) {
            super(kernelSize);
            quantizers.kernel = new TrainedTernary();
        }

        /** t in the threshold {@code delta = t * max|w|}; in (0, 1), default 0.05. */
        public Builder thresholdFactor(double thresholdFactor) {
            this.thresholdFactor = thresholdFactor;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TernaryConvolutionLayer build() {
            quantizers.kernel = QuantizedLayerSupport.trainedTernary(TernaryConvolutionLayer.class.getSimpleName(),
                    layerName, thresholdFactor, quantizers.kernel);
            validate(TernaryConvolutionLayer.class.getSimpleName());
            return new TernaryConvolutionLayer(this);
        }
    }
}
