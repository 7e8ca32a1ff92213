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
 * A fully connected layer with Trained Ternary Quantization (Zhu, Han, Mao, Dally, ICLR 2017): latent float
 * weights w become the ternary kernel {@code +Wp where w > delta, 0 where |w| <= delta, -Wn where w < -delta},
 * with {@code delta = thresholdFactor * max|w|} and two scales Wp, Wn trained with the rest of the network
 * (parameters "Wp" and "Wn" next to "W" and "b", initialised to 1, saved with the model, updated by the
 * layer's updater). Inputs stay real-valued unless an input quantizer is set. The math and its sign
 * convention are documented in {@link TrainedTernary}.
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
public class TernaryDenseLayer extends BinaryDenseLayer {

    /** TTQ's defaults; used by JSON deserialization. */
    public TernaryDenseLayer() {
        setKernelQuantizer(new TrainedTernary());
    }

    protected TernaryDenseLayer(Builder builder) {
        super(builder);
    }

    /** t in the threshold {@code delta = t * max|w|}. */
    @JsonIgnore
    public double getThresholdFactor() {
        return QuantizedLayerSupport.trainedTernary(this, getKernelQuantizer()).getThresholdFactor();
    }

    @Override
    protected org.bnn4j.nn.layers.BinaryDenseLayer createLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        QuantizedLayerSupport.trainedTernary(this, getKernelQuantizer());
        return new org.bnn4j.nn.layers.TernaryDenseLayer(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return new TernaryScalesParamInitializer(super.initializer());
    }

    /** Builder for {@link TernaryDenseLayer}; see the class Javadoc for an example. */
    public static class Builder extends BinaryDenseLayer.BaseBuilder<Builder> {
        private double thresholdFactor = TrainedTernary.DEFAULT_THRESHOLD_FACTOR;

        /** t in the threshold {@code delta = t * max|w|}; in (0, 1), default 0.05. */
        public Builder thresholdFactor(double thresholdFactor) {
            this.thresholdFactor = thresholdFactor;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TernaryDenseLayer build() {
            String type = TernaryDenseLayer.class.getSimpleName();
            kernelQuantizer = QuantizedLayerSupport.trainedTernary(type, layerName, thresholdFactor);
            validate(type);
            return new TernaryDenseLayer(this);
        }
    }
}
