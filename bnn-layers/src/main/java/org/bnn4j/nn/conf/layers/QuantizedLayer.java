package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.params.ParamKeys;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.List;
import java.util.Map;

/**
 * A layer configuration parametrized by quantizers, as in Larq: what it does to its input and to its kernel is
 * decided by the quantizers, not by the layer class. bnn4j's exporter and {@link org.bnn4j.nn.conf.BnnConfigValidator}
 * recognise layers by this interface (and the {@link QuantizedDenseLayer} / {@link QuantizedConvolutionLayer}
 * base classes), so a user's subclass or own quantizer works with them unchanged.
 *
 * <pre>{@code
 * QuantizedLayer layer = (QuantizedLayer) net.getLayer(0).conf().getLayer();
 * InferenceKernel k = layer.inferenceKernel(net.getLayer(0).paramTable());   // e.g. alpha_c * sign(W)
 * }</pre>
 */
public interface QuantizedLayer {

    /** Quantizer applied to the layer's input, or {@code null} for real-valued input. */
    Quantizer getInputQuantizer();

    /** Quantizer applied to the layer's latent kernel weights (and owner of any trained quantizer parameters). */
    Quantizer getKernelQuantizer();

    /**
     * Quantizer of the input where it multiplies the error signal in the kernel gradient (quantized
     * back-propagation), or {@code null} (default) for the input itself; inference never uses it.
     */
    default Quantizer getBackpropInputQuantizer() {
        return null;
    }

    /** Quantizer of the bias "b" (e.g. SteSign for BinaryNet's binarized bias), or {@code null} (default) for a real bias. */
    default Quantizer getBiasQuantizer() {
        return null;
    }

    /**
     * The bias this layer adds at inference: the bias quantizer applied to "b", or "b" itself; null without a bias.
     *
     * @param params the layer's parameter table
     */
    default INDArray inferenceBias(Map<String, INDArray> params) {
        if (!hasBias()) {
            return null;
        }
        INDArray b = params.get(ParamKeys.BIAS);
        Quantizer q = getBiasQuantizer();
        return q == null ? b : q.quantize(b, QuantizationContext.inference());
    }

    /** Updater of the kernel "W" alone, or null for the layer's updater. */
    IUpdater getKernelUpdater();

    /** Whether the layer adds a bias "b". */
    boolean hasBias();

    /** The axis of "W" that indexes output channels (per-channel scales and parameters lie along it). */
    int kernelChannelAxis();

    /** The number of output channels of the kernel: the length of a per-channel quantizer parameter. */
    long kernelChannels();

    /**
     * Where the trained parameters of this layer's quantizers live in its parameter table: the kernel quantizer's,
     * under their own keys, one value or one per output channel.
     */
    default List<QuantizerParameterSlot> quantizerParameterSlots() {
        return QuantizerParameterSlot.of(getKernelQuantizer(), "", kernelChannels());
    }

    /**
     * The kernel this layer computes with at inference, as its implementation would produce it: the kernel
     * quantizer applied to the latent weights with its trained parameters, scales included.
     *
     * @param params the layer's parameter table (e.g. {@code network.getLayer(i).paramTable()})
     */
    default InferenceKernel inferenceKernel(Map<String, INDArray> params) {
        return InferenceKernel.of(getKernelQuantizer(), params, kernelChannelAxis());
    }
}
