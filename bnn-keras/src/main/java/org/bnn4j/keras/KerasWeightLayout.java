package org.bnn4j.keras;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras (TensorFlow, channels-last) weight layouts to bnn4j's. Pure functions on copies; the caller checks the
 * Keras shape against the configuration first.
 *
 * <pre>{@code
 * INDArray w = KerasWeightLayout.convKernel(kernelHwio);          // [out, in, kH, kW]
 * }</pre>
 */
final class KerasWeightLayout {
    private KerasWeightLayout() {
    }

    /** Conv2D kernel HWIO [kH, kW, in, out] to [out, in, kH, kW]. */
    static INDArray convKernel(INDArray hwio) {
        return hwio.permute(3, 2, 0, 1).dup('c');
    }

    /**
     * Depthwise kernel [kH, kW, in, mult] to bnn4j's [in * mult, 1, kH, kW], output channel c * mult + m (as in
     * TensorFlow, whose depthwise output channel is also c * mult + m).
     */
    static INDArray depthwiseKernel(INDArray hwim) {
        long kh = hwim.size(0), kw = hwim.size(1), channels = hwim.size(2) * hwim.size(3);
        return hwim.dup('c').reshape('c', kh, kw, channels).permute(2, 0, 1).dup('c').reshape('c', channels, 1, kh, kw);
    }

    /**
     * Dense kernel [in, out] that follows a Keras Flatten of an NHWC image (rows in (h, w, c) order), for DL4J's
     * flatten of the same NCHW image (rows in (c, h, w) order).
     */
    static INDArray denseAfterFlatten(INDArray kernel, long height, long width, long channels) {
        long out = kernel.size(1);
        return kernel.dup('c').reshape('c', height, width, channels, out).permute(2, 0, 1, 3).dup('c')
                .reshape('c', channels * height * width, out);
    }

    /** A bias or per-channel vector as the row vector DL4J's parameter tables hold. */
    static INDArray row(INDArray vector) {
        return vector.dup('c').reshape('c', 1, vector.length());
    }
}
