package org.bnn4j.nn.conf.layers;

import lombok.EqualsAndHashCode;
import lombok.ToString;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Trained Ternary Quantization's dense layer (Zhu, Han, Mao, Dally, ICLR 2017): a {@link QuantizedDenseLayer} whose
 * kernel quantizer is {@link TrainedTernary}, which turns the latent weights w into
 * {@code +Wp where w > delta, 0 where |w| <= delta, -Wn where w < -delta} with {@code delta = thresholdFactor * max|w|}
 * and owns the two trained scales Wp and Wn (parameters "Wp" and "Wn" next to "W" and "b", initialised to 1, saved
 * with the model, updated by the layer's updater). Inputs stay real-valued unless an input quantizer is set.
 *
 * <p>Defaults: thresholdFactor 0.05 (the paper's); no input quantizer; bias on; latent weights clipped to
 * [-1, 1]; activation identity. The paper keeps the first and last layers in full precision.
 *
 * <pre>{@code
 * .layer(new DenseLayer.Builder().nOut(512).activation(Activation.RELU).build())   // first layer: float
 * .layer(new TernaryDenseLayer.Builder().nOut(512).thresholdFactor(0.05).build())
 * .layer(new BatchNormalization.Builder().build())
 * .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
 * }</pre>
 */
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class TernaryDenseLayer extends QuantizedDenseLayer {

    /** TTQ's defaults; used by JSON deserialization. */
    public TernaryDenseLayer() {
        setKernelQuantizer(new TrainedTernary());
    }

    protected TernaryDenseLayer(Builder builder) {
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

    /** Builder for {@link TernaryDenseLayer}; see the class Javadoc for an example. */
    public static class Builder extends QuantizedDenseLayer.BaseBuilder<Builder> {
        private Double thresholdFactor;

        public Builder() {
            quantizers.kernel = new TrainedTernary();
        }

        /** t in the threshold {@code delta = t * max|w|}; in (0, 1), default 0.05. */
        public Builder thresholdFactor(double thresholdFactor) {
            this.thresholdFactor = thresholdFactor;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TernaryDenseLayer build() {
            quantizers.kernel = QuantizedLayerSupport.trainedTernary(TernaryDenseLayer.class.getSimpleName(), layerName,
                    thresholdFactor, quantizers.kernel);
            validate(TernaryDenseLayer.class.getSimpleName());
            return new TernaryDenseLayer(this);
        }
    }
}
