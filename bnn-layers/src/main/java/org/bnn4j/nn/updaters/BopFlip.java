package org.bnn4j.nn.updaters;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The second stage of {@link Bop}: after the updater has left the moving average m in the update array,
 * replaces it with the update that flips the weights Bop chooses, {@code 2w} where {@code |m| > tau} and
 * {@code sign(m) = sign(w)}, 0 elsewhere (DL4J then applies {@code w -= update}). A post-updater
 * {@link Regularization} is DL4J's hook that sees both the parameters and the update; it adds no score.
 * Obtained from {@link Bop#flipStep()}; layers register it, users never need to.
 */
final class BopFlip implements Regularization {
    private final double tau;

    BopFlip(double tau) {
        this.tau = tau;
    }

    @Override
    public ApplyStep applyStep() {
        return ApplyStep.POST_UPDATER;
    }

    @Override
    public void apply(INDArray weights, INDArray update, double lr, int iteration, int epoch) {
        INDArray m = update;
        INDArray strong = Transforms.abs(m, true).gt(tau).castTo(weights.dataType());
        INDArray agrees = m.mul(weights).gt(0).castTo(weights.dataType()); // sign(m) = sign(w), w != 0
        INDArray flip = strong.muli(agrees);
        update.assign(weights.mul(2).muli(flip));
    }

    @Override
    public double score(INDArray param, int iteration, int epoch) {
        return 0;
    }

    @Override
    public Regularization clone() {
        return this; // immutable
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BopFlip && Double.compare(((BopFlip) o).tau, tau) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(tau) * 31 + BopFlip.class.hashCode();
    }

    @Override
    public String toString() {
        return "BopFlip(tau=" + tau + ")";
    }
}
