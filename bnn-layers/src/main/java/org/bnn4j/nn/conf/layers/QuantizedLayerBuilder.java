package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.quantizers.Quantizer;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The quantizer options every quantized layer's builder offers, written once: {@link QuantizedDenseLayer.BaseBuilder}
 * and {@link QuantizedConvolutionLayer.BaseBuilder} (and so every preset's builder) implement it by giving their
 * {@link QuantizerSettings}.
 *
 * <pre>{@code
 * new QuantizedConvolutionLayer.Builder(3, 3).nOut(64)
 *         .inputQuantizer(new ApproxSign())
 *         .kernelQuantizer(new TrainedTernary(0.05))
 *         .kernelUpdater(null)
 *         .build();
 * }</pre>
 *
 * @param <T> the builder's own type, returned by every setter
 */
public interface QuantizedLayerBuilder<T extends QuantizedLayerBuilder<T>> {

    /** What this builder has collected about its quantizers. */
    QuantizerSettings quantizers();

    /** Quantizer for the layer's input; {@code null} keeps real-valued input. */
    default T inputQuantizer(Quantizer inputQuantizer) {
        quantizers().input = inputQuantizer;
        return self();
    }

    /**
     * Quantizer for the latent kernel, which may own trained parameters (e.g. {@code new TrainedTernary(0.05)});
     * {@code new Identity()} for float weights.
     */
    default T kernelQuantizer(Quantizer kernelQuantizer) {
        quantizers().kernel = kernelQuantizer;
        return self();
    }

    /**
     * Quantized back-propagation (Lin et al. 2016): dW is computed from {@code q(x)} instead of the layer's input
     * x, e.g. {@code new PowerOfTwo(-8, 0)} (powers of two, so dW needs only shifts); forward unchanged.
     * Default null: dW from x.
     */
    default T backpropInputQuantizer(Quantizer backpropInputQuantizer) {
        quantizers().backpropInput = backpropInputQuantizer;
        return self();
    }

    /**
     * Quantizer of the bias, e.g. {@code new SteSign()} for BinaryNet's binarized bias: {@code sign(b)} forward
     * (and at inference and export), the straight-through estimator backward. Default null: a real bias.
     */
    default T biasQuantizer(Quantizer biasQuantizer) {
        quantizers().bias = biasQuantizer;
        return self();
    }

    /**
     * Updater for the kernel "W" alone (default: the layer's updater). {@code kernelUpdater(new Bop())}
     * trains a binary kernel with Bop while the bias and every other layer keep the network's updater.
     */
    default T kernelUpdater(IUpdater kernelUpdater) {
        quantizers().kernelUpdater = kernelUpdater;
        return self();
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }
}
