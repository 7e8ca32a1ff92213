package org.bnn4j.keras;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.UnaryOperator;

/**
 * Where one DL4J parameter of an imported layer comes from: a Keras weight of a known shape, converted to bnn4j's
 * layout, or a constant (e.g. beta = 0 for a Keras BatchNormalization with center=false).
 *
 * <pre>{@code
 * ParamSource.weight("W", "kernel", new long[]{3, 3, 16, 32}, KerasWeightLayout::convKernel);
 * ParamSource.constant("beta", 0.0);
 * }</pre>
 *
 * @param param      the DL4J parameter key
 * @param kerasName  the Keras weight's short name, null for a constant
 * @param kerasShape the shape the configuration implies for the Keras weight
 * @param convert    Keras layout to the DL4J parameter's layout (same number of elements)
 * @param constant   the value of a constant parameter
 */
record ParamSource(String param, String kerasName, long[] kerasShape, UnaryOperator<INDArray> convert,
                   double constant) {

    static ParamSource weight(String param, String kerasName, long[] kerasShape, UnaryOperator<INDArray> convert) {
        return new ParamSource(param, kerasName, kerasShape, convert, Double.NaN);
    }

    /** A per-channel or bias vector, stored 1-D in Keras. */
    static ParamSource vector(String param, String kerasName, long length) {
        return weight(param, kerasName, new long[]{length}, KerasWeightLayout::row);
    }

    static ParamSource constant(String param, double value) {
        return new ParamSource(param, null, null, null, value);
    }
}
