package org.bnn4j.keras;

import java.util.List;
import java.util.Map;

/**
 * One layer of a Keras model configuration, as both serialization formats (TF <= 2.12 and TF 2.13+, whose extra
 * {@code module}, {@code registered_name} and {@code build_config} keys are ignored) describe it.
 *
 * @param className Keras class name, e.g. {@code QuantConv2D}
 * @param name      the layer's unique name (also its weight group in the HDF5 file)
 * @param config    the layer's {@code config} object
 * @param inbound   names of the layers whose outputs it reads (empty for inputs and in a Sequential model)
 */
record KerasLayerConfig(String className, String name, Map<String, Object> config, List<String> inbound) {

    /** "layer 'conv1' (QuantConv2D)", for messages. */
    String describe() {
        return "layer '" + name + "' (" + className + ")";
    }
}
