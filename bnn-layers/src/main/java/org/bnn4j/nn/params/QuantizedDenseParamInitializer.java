package org.bnn4j.nn.params;

import org.bnn4j.nn.conf.layers.QuantizedDenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;

/**
 * Parameters of bnn4j's dense layers: latent weights "W" [nIn, nOut] and an optional bias "b" [1, nOut],
 * laid out exactly as DL4J's dense layers lay them out, so everything that reads DL4J parameter tables
 * (updaters, ModelSerializer, transfer learning) sees familiar keys and shapes.
 */
public class QuantizedDenseParamInitializer extends DefaultParamInitializer {
    private static final QuantizedDenseParamInitializer INSTANCE = new QuantizedDenseParamInitializer();

    public static QuantizedDenseParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    protected boolean hasBias(Layer layer) {
        if (layer instanceof QuantizedDenseLayer) {
            return ((QuantizedDenseLayer) layer).hasBias();
        }
        return super.hasBias(layer);
    }

    @Override
    protected boolean hasLayerNorm(Layer layer) {
        return false;
    }
}
