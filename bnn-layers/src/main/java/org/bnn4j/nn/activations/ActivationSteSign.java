package org.bnn4j.nn.activations;

import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An ND4J activation that binarizes with a {@link Quantizer} (by default {@link SteSign}: sign forward,
 * saturated straight-through estimator backward). Usable wherever DL4J takes an {@code IActivation}.
 *
 * <p>The BinaryNet block is {@code BinaryDense -> BatchNormalization -> ActivationLayer(ActivationSteSign)}.
 * Put the sign in its own {@code ActivationLayer}: DL4J 1.0.0-M2.1's {@code BatchNormalization} ignores the
 * activation set on its builder (see {@link org.bnn4j.nn.conf.BnnConfigValidator}).
 *
 * <pre>{@code
 * .layer(new BinaryDenseLayer.Builder().nOut(1024).build())
 * .layer(new BatchNormalization.Builder().build())
 * .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
 * }</pre>
 */
public class ActivationSteSign extends BaseActivationFunction {

    private Quantizer quantizer = new SteSign();

    /** Distinct noise for every forward call of a stochastic quantizer; its backward is an STE and needs none. */
    private final transient AtomicLong calls = new AtomicLong();

    /** Sign with the saturated STE (clip 1). */
    public ActivationSteSign() {
    }

    /** @param quantizer the quantizer to apply element-wise (its per-channel scaling is over the whole tensor) */
    public ActivationSteSign(Quantizer quantizer) {
        this.quantizer = Objects.requireNonNull(quantizer, "quantizer");
    }

    public Quantizer getQuantizer() {
        return quantizer;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        // In place, as DL4J's activations are: `in` already lives in the layer's output workspace.
        return quantizer.quantize(in, in, QuantizationContext.activations(training, nextNoiseSeed()));
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray dLdz = quantizer.backprop(in, epsilon, in, QuantizationContext.activations(true, 0L));
        return new Pair<>(dLdz, null);
    }

    private long nextNoiseSeed() {
        return calls == null ? 0L : calls.incrementAndGet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationSteSign && quantizer.equals(((ActivationSteSign) o).quantizer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ActivationSteSign.class, quantizer);
    }

    @Override
    public String toString() {
        return "stesign(" + quantizer + ")";
    }
}
