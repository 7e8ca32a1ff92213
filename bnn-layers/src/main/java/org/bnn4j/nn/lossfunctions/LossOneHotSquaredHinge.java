package org.bnn4j.nn.lossfunctions;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossSquaredHinge;

/**
 * BinaryNet's multi-class squared hinge loss, {@code sum_k max(0, 1 - t_k * y_k)^2} with {@code t = 2 * onehot - 1},
 * taking the usual one-hot labels. DL4J's {@link LossSquaredHinge} computes the same but wants labels
 * already in {-1, +1}; this class converts them, so the standard iterators can be used unchanged.
 *
 * <pre>{@code
 * .layer(new LossLayer.Builder(new LossOneHotSquaredHinge()).activation(Activation.IDENTITY).build())
 * }</pre>
 */
public class LossOneHotSquaredHinge extends LossSquaredHinge {

    private static INDArray plusMinusOne(INDArray oneHot) {
        return oneHot.mul(2).subi(1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return super.computeScore(plusMinusOne(labels), preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return super.computeScoreArray(plusMinusOne(labels), preOutput, activationFn, mask);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return super.computeGradient(plusMinusOne(labels), preOutput, activationFn, mask);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        INDArray targets = plusMinusOne(labels);
        return new Pair<>(super.computeScore(targets, preOutput, activationFn, mask, average),
                super.computeGradient(targets, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "OneHotSquaredHinge";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossOneHotSquaredHinge;
    }

    @Override
    public int hashCode() {
        return LossOneHotSquaredHinge.class.hashCode();
    }

    @Override
    public String toString() {
        return "LossOneHotSquaredHinge()";
    }
}
