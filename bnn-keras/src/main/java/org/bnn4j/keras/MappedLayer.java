package org.bnn4j.keras;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.List;

/**
 * What one Keras layer becomes: a DL4J layer (with an optional preprocessor) or graph vertex reading
 * {@code inputs}, or nothing at all (InputLayer, Flatten: then {@code output} names the input's vertex), and where
 * its parameters come from.
 *
 * <pre>{@code
 * MappedLayer m = mapper.map(kerasLayer, inputs);
 * if (m.layer() != null) builder.addLayer(m.name(), m.layer(), m.preProcessor(), m.inputs());
 * }</pre>
 */
record MappedLayer(KerasLayerConfig keras, Layer layer, GraphVertex vertex, InputPreProcessor preProcessor,
                   List<String> inputs, KerasTensor output, List<ParamSource> params) {

    static MappedLayer passThrough(KerasLayerConfig keras, KerasTensor output) {
        return new MappedLayer(keras, null, null, null, List.of(), output, List.of());
    }

    String name() {
        return keras.name();
    }

    boolean createsVertex() {
        return layer != null || vertex != null;
    }
}
