package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.QuantizerParameter;

import java.util.ArrayList;
import java.util.List;

/**
 * A quantizer's trained parameter as a layer holds it: under which key of the layer's parameter table and with how
 * many values. A layer with one kernel quantizer keeps the quantizer's own keys (TTQ's "Wp", "Wn"); a layer with
 * two (the separable convolution's pointwise quantizer) prefixes the second one's keys so they cannot collide.
 *
 * <pre>{@code
 * for (QuantizerParameterSlot s : layer.quantizerParameterSlots()) {
 *     INDArray value = net.getLayer(0).getParam(s.key());   // s.length() values
 * }
 * }</pre>
 *
 * @param key       the key in the layer's parameter table
 * @param parameter what the quantizer declared (under {@code parameter.key()})
 * @param length    1, or the number of output channels of the kernel it belongs to
 */
public record QuantizerParameterSlot(String key, QuantizerParameter parameter, long length) {

    /** The slots of {@code quantizer}'s parameters, keys prefixed with {@code prefix}, for a kernel of {@code channels}. */
    public static List<QuantizerParameterSlot> of(Quantizer quantizer, String prefix, long channels) {
        List<QuantizerParameterSlot> slots = new ArrayList<>();
        if (quantizer != null) {
            for (QuantizerParameter p : quantizer.parameters()) {
                slots.add(new QuantizerParameterSlot(prefix + p.key(), p, p.length(channels)));
            }
        }
        return slots;
    }
}
