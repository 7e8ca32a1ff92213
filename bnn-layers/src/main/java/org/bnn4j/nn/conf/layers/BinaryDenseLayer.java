package org.bnn4j.nn.conf.layers;

import lombok.EqualsAndHashCode;
import lombok.ToString;
import org.bnn4j.nn.quantizers.SteSign;

/**
 * BinaryConnect / BinaryNet's dense layer: a {@link QuantizedDenseLayer} whose kernel quantizer defaults to
 * {@link SteSign} (binary weights ±1, saturated straight-through gradient). Everything else is the general layer's:
 * no input quantizer by default (the first layer sees real pixels; set {@code inputQuantizer(new SteSign())} on
 * the hidden layers), bias on, latent weights clipped to [-1, 1], activation identity.
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
 *         .seed(42).updater(new Adam(1e-3))
 *         .list()
 *         .layer(new BinaryDenseLayer.Builder().nOut(1024).build())                 // real pixels in
 *         .layer(new BatchNormalization.Builder().build())
 *         .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
 *         .layer(new BinaryDenseLayer.Builder().nOut(1024).inputQuantizer(new SteSign()).build())
 *         .layer(new BatchNormalization.Builder().build())
 *         .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
 *         .setInputType(InputType.feedForward(784))
 *         .build();
 * }</pre>
 */
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class BinaryDenseLayer extends QuantizedDenseLayer {

    /** The preset's defaults; used by JSON deserialization. */
    public BinaryDenseLayer() {
        setKernelQuantizer(new SteSign());
    }

    protected BinaryDenseLayer(Builder builder) {
        super(builder);
    }

    /** Builder for {@link BinaryDenseLayer}; see the class Javadoc for an example. */
    public static class Builder extends QuantizedDenseLayer.BaseBuilder<Builder> {

        public Builder() {
            quantizers.kernel = new SteSign();
        }

        @Override
        @SuppressWarnings("unchecked")
        public BinaryDenseLayer build() {
            validate(BinaryDenseLayer.class.getSimpleName());
            return new BinaryDenseLayer(this);
        }
    }
}
