package org.bnn4j.nn.params;

import org.deeplearning4j.nn.params.DefaultParamInitializer;

/**
 * The parameter-table keys every bnn4j layer shares, the same as DL4J's dense and convolution layers use, so
 * updaters, ModelSerializer and transfer learning see familiar keys. A kernel quantizer's own parameters (e.g.
 * TTQ's "Wp", "Wn") come after these, under the keys it declares.
 *
 * <pre>{@code
 * INDArray latentWeights = net.getLayer(0).getParam(ParamKeys.KERNEL);
 * }</pre>
 */
public final class ParamKeys {
    /** The latent (float) kernel weights. */
    public static final String KERNEL = DefaultParamInitializer.WEIGHT_KEY;
    /** The bias. */
    public static final String BIAS = DefaultParamInitializer.BIAS_KEY;

    private ParamKeys() {
    }
}
