package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Objects;

/**
 * Sign whose backward pass is the derivative of SwishSign (Darabi et al. 2018),
 * {@code 2 sigmoid(beta x) (1 + beta x (1 - sigmoid(beta x))) - 1}, which is
 * {@code beta (2 - beta x tanh(beta x / 2)) / (1 + cosh(beta x))}. Larger beta approaches the sign.
 *
 * <pre>{@code
 * new BinaryDenseLayer.Builder().nOut(256).inputQuantizer(new SwishSign(5.0)).build();
 * }</pre>
 */
public class SwishSign implements Quantizer {
    public static final double DEFAULT_BETA = 5.0;

    private double beta = DEFAULT_BETA;

    /** beta = 5, as in the paper and Larq. */
    public SwishSign() {
    }

    /** @param beta sharpness, > 0 */
    public SwishSign(double beta) {
        QuantizerOps.requirePositive("SwishSign", "beta", beta);
        this.beta = beta;
    }

    public double getBeta() {
        return beta;
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        return QuantizerOps.signOf(x, out);
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        INDArray bx = x.mul(beta);
        INDArray numerator = Transforms.tanh(bx.div(2), false).muli(bx).rsubi(2).muli(beta);
        INDArray denominator = Transforms.cosh(bx, false).addi(1);
        return QuantizerOps.multiply(gradient, numerator.divi(denominator), out);
    }

    @Override
    public int precision() {
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Double.compare(((SwishSign) o).beta, beta) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), beta);
    }

    @Override
    public String toString() {
        return "SwishSign(beta=" + beta + ")";
    }
}
