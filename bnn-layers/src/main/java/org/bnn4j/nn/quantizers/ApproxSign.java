package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sign whose backward pass is Bi-Real Net's piecewise-polynomial approximation (Liu et al. 2018): the
 * derivative of {@code 2x + x^2 sign(-x)} on |x| < 1, i.e. {@code 2 - 2|x|} there and 0 elsewhere. It
 * follows the sign function more closely than the box-shaped STE.
 *
 * <pre>{@code
 * new ActivationSteSign(new ApproxSign())
 * }</pre>
 */
public class ApproxSign implements Quantizer {

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        return QuantizerOps.signOf(x, out);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        // max(0, 2 - 2|x|) is 2 - 2|x| inside |x| < 1 and 0 outside.
        INDArray slope = Transforms.relu(Transforms.abs(x, true).muli(-2).addi(2), false);
        return QuantizerOps.multiply(gradient, slope, out);
    }

    @Override
    public int precision() {
        return 1;
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
        return "ApproxSign()";
    }
}
