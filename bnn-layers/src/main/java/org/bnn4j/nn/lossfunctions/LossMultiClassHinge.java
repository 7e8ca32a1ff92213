package org.bnn4j.nn.lossfunctions;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Objects;

/**
 * The Crammer-Singer multi-class hinge loss that Deep Frank-Wolfe trains with (Berrada et al., ICLR 2019), on
 * one-hot labels, with the paper's optional smoothing temperature {@code tau}. With scores {@code s} and the
 * true class {@code y}, {@code Δ(j, y) = margin} for {@code j != y} and 0 for {@code j = y}:
 *
 * <pre>
 * tau = 0:  L = max_j (Δ(j, y) + s_j) - s_y                     dL/ds = e_argmax - e_y
 * tau > 0:  L = tau * log sum_j exp((Δ(j, y) + s_j) / tau) - s_y   dL/ds = softmax((Δ + s) / tau) - e_y
 * </pre>
 *
 * At a tie in the maximum the first class is taken (a valid subgradient). Masks are per example (shape
 * {@code [minibatch, 1]}, or the labels' shape with rows all 0 or all 1): a class cannot be left out of a
 * maximum over classes, so a mask that differs within a row is rejected.
 *
 * <pre>{@code
 * .layer(new OutputLayer.Builder(new LossMultiClassHinge()).nOut(10).activation(Activation.IDENTITY).build())
 * .layer(new OutputLayer.Builder(new LossMultiClassHinge(1.0, 0.1)).nOut(10)    // smoothed, tau = 0.1
 *         .activation(Activation.IDENTITY).build())
 * }</pre>
 */
public class LossMultiClassHinge implements ILossFunction {

    private double margin = 1.0;
    private double temperature = 0.0;

    /** Margin 1, no smoothing. */
    public LossMultiClassHinge() {
    }

    /**
     * @param margin      Δ(j, y) for a wrong class j, positive
     * @param temperature smoothing temperature tau; 0 for the plain (non-smooth) hinge
     */
    public LossMultiClassHinge(double margin, double temperature) {
        if (!(margin > 0) || !(temperature >= 0) || Double.isInfinite(margin) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("LossMultiClassHinge: margin must be > 0 and temperature >= 0, got "
                    + margin + " and " + temperature);
        }
        this.margin = margin;
        this.temperature = temperature;
    }

    public double getMargin() {
        return margin;
    }

    public double getTemperature() {
        return temperature;
    }

    /** The per-example loss and its gradient with respect to the scores, before any mask. */
    private Pair<INDArray, INDArray> lossAndScoreGradient(INDArray labels, INDArray scores) {
        if (!labels.equalShapes(scores) || scores.rank() != 2) {
            throw new IllegalArgumentException("LossMultiClassHinge: labels " + java.util.Arrays.toString(labels.shape())
                    + " and scores " + java.util.Arrays.toString(scores.shape()) + " must be equal [minibatch, classes]");
        }
        INDArray y = labels.castTo(scores.dataType());
        INDArray augmented = y.rsub(1).muli(margin).addi(scores);          // Δ(j, y) + s_j
        INDArray trueScore = scores.mul(y).sum(true, 1);                     // s_y
        INDArray rowMax = augmented.max(true, 1);
        INDArray loss;
        INDArray gradient;
        if (temperature == 0) {
            loss = rowMax.sub(trueScore);
            gradient = Nd4j.zeros(scores.dataType(), scores.shape());
            INDArray argMax = Nd4j.argMax(augmented, 1);
            for (long i = 0; i < argMax.length(); i++) {
                gradient.putScalar(i, argMax.getLong(i), 1.0);
            }
        } else {
            // max-shifted log-sum-exp: exp never overflows
            INDArray weights = Transforms.exp(augmented.subColumnVector(rowMax).divi(temperature), false);
            INDArray sum = weights.sum(true, 1);
            loss = Transforms.log(sum, true).muli(temperature).addi(rowMax).subi(trueScore);
            gradient = weights.diviColumnVector(sum);
        }
        return new Pair<>(loss.reshape(loss.length(), 1), gradient.subi(y));
    }

    /** The mask as one weight per example ([minibatch, 1]), or null. */
    private static INDArray perExampleMask(INDArray mask, INDArray labels) {
        if (mask == null) {
            return null;
        }
        long rows = labels.size(0);
        if (mask.length() == rows) {
            return mask.reshape(rows, 1).castTo(labels.dataType());
        }
        if (mask.equalShapes(labels)) {
            INDArray first = mask.getColumn(0, true);
            if (mask.subColumnVector(first).amaxNumber().doubleValue() == 0) {
                return first.castTo(labels.dataType());
            }
        }
        throw new IllegalArgumentException("LossMultiClassHinge: only per-example masks are supported (a hinge over "
                + "classes needs every class), got mask " + java.util.Arrays.toString(mask.shape()) + " for labels "
                + java.util.Arrays.toString(labels.shape()));
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray scores = activationFn.getActivation(preOutput.dup(), true);
        INDArray loss = lossAndScoreGradient(labels, scores).getFirst();
        INDArray m = perExampleMask(mask, labels);
        return m == null ? loss : loss.muli(m);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return computeGradientAndScore(labels, preOutput, activationFn, mask, false).getSecond();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        INDArray scores = activationFn.getActivation(preOutput.dup(), true);
        Pair<INDArray, INDArray> lossAndGradient = lossAndScoreGradient(labels, scores);
        INDArray loss = lossAndGradient.getFirst();
        INDArray dScores = lossAndGradient.getSecond();
        INDArray m = perExampleMask(mask, labels);
        if (m != null) {
            loss.muli(m);
            dScores.muliColumnVector(m);
        }
        INDArray dPreOutput = activationFn.backprop(preOutput.dup(), dScores).getFirst();
        double sum = loss.sumNumber().doubleValue();
        return new Pair<>(average ? sum / labels.size(0) : sum, dPreOutput);
    }

    @Override
    public String name() {
        return "MultiClassHinge";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossMultiClassHinge other && margin == other.margin && temperature == other.temperature;
    }

    @Override
    public int hashCode() {
        return Objects.hash(LossMultiClassHinge.class, margin, temperature);
    }

    @Override
    public String toString() {
        return "LossMultiClassHinge(margin=" + margin + ", temperature=" + temperature + ")";
    }
}
