package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * No quantization: q(x) = x and the gradient passes unchanged. Put it in place of a layer's quantizers
 * to get the full-precision twin of a binarized model with the very same topology and code path.
 *
 * <pre>{@code
 * new XnorConvolutionLayer.Builder(3, 3).nOut(16)
 *         .inputQuantizer(new Identity()).kernelQuantizer(new Identity())  // a float convolution
 *         .build();
 * }</pre>
 */
public class Identity implements Quantizer {

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        return x == out ? out : out.assign(x);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        return gradient == out ? out : out.assign(gradient);
    }

    @Override
    public int precision() {
        return 32;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return "Identity()";
    }
}
