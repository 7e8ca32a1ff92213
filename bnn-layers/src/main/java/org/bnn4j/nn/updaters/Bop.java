package org.bnn4j.nn.updaters;

import org.bnn4j.nn.conf.layers.QuantizedLayer;
import org.bnn4j.nn.params.ParamKeys;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Map;
import java.util.Objects;

/**
 * Bop, the binary optimizer (Helwegen et al., NeurIPS 2019, "Latent Weights Do Not Exist: Rethinking
 * Binarized Neural Network Optimization"). A binary weight has no magnitude to nudge, only a sign to flip,
 * so Bop keeps an exponential moving average m of each weight's gradient and flips the weight once that
 * average is strong enough and pushes against the weight's current sign:
 *
 * <pre>{@code
 * m = (1 - gamma) * m + gamma * g                 (gamma: adaptivity rate, default 1e-4)
 * w = -w   where |m| > tau and sign(m) = sign(w)  (tau: threshold, default 1e-8)
 * }</pre>
 *
 * (Gradient descent moves w against g: a +1 weight whose gradient stays positive wants to be -1.)
 *
 * <h2>Use: Bop for the binary kernels, another updater for everything real-valued</h2>
 * As Larq's {@code CaseOptimizer} does, train the binary kernels with Bop while biases, BatchNormalization,
 * full-precision layers and TTQ scales keep the network's updater. It is one call on each binarized layer:
 * <pre>{@code
 * new NeuralNetConfiguration.Builder()
 *         .updater(new Adam(1e-3))                          // every real-valued parameter
 *         .list()
 *         .layer(new BinaryDenseLayer.Builder().nOut(256)
 *                 .kernelUpdater(new Bop())                 // the binary kernel: Bop
 *                 .build())
 *         .layer(new BatchNormalization.Builder().build())  // Adam
 *         ...
 * }</pre>
 * A Bop kernel is initialised to the signs of the layer's weight init and stays exactly ±1.
 *
 * <h2>Design: updater state plus a post-updater flip</h2>
 * ND4J's {@link GradientUpdater#applyUpdater} sees only the gradient, yet the flip needs sign(w). Bop
 * uses two stages of DL4J's own per-parameter update pipeline (its {@code UpdaterBlock}):
 * <ol>
 *   <li>this updater keeps m as ordinary updater state, one value per weight (saved and restored with the
 *       updater state by {@code ModelSerializer}, like Adam's moments) and hands m on in the update array;</li>
 *   <li>the binarized layer registers, for its kernel only, a post-updater step ({@link #flipStep()}, a
 *       {@link Regularization} applied {@code POST_UPDATER}: the hook DL4J's {@code WeightDecay} uses
 *       because it needs the parameters too). It reads m and w and turns the array into the update
 *       {@code w - w_new}: {@code 2w} on the weights that flip, 0 elsewhere.</li>
 * </ol>
 * The alternative, keeping m as layer state like BatchNormalization's running statistics, would make the
 * kernel's "gradient" an update computed inside backprop: gradient checks, gradient normalization,
 * listeners and gradient sharing would all see something that is not a gradient, and m would sit among the
 * model's parameters. Here backprop stays a true gradient, gradient normalization and minibatch averaging
 * apply to g as for any updater, and m lives where optimizer state belongs.
 *
 * <p>Consequences: Bop works on the kernels of bnn4j's binarized layers, set through {@code kernelUpdater}
 * (or the layer's {@code updater} when its bias has its own {@code biasUpdater}). A bnn4j layer whose bias
 * or non-binary kernel would get Bop fails at initialisation; {@link org.bnn4j.nn.conf.BnnConfigValidator}
 * reports Bop on any other layer's parameter, which has no flip step and would not be trained. L1/L2 or
 * weight decay configured for a Bop kernel are not applied: the weights have constant magnitude, and an L2
 * gradient (proportional to w) would steer m to sign(w) and flip every weight.
 */
public class Bop implements IUpdater {
    public static final double DEFAULT_GAMMA = 1e-4;
    public static final double DEFAULT_TAU = 1e-8;

    private double gamma = DEFAULT_GAMMA;
    private double tau = DEFAULT_TAU;
    private ISchedule gammaSchedule;

    /**
     * Whether Bop can train parameter {@code key} of {@code layer}: only the kernel "W" of a bnn4j quantized layer
     * whose kernel quantizer is 1-bit (Bop flips signs; anything else has no flip step and would not be trained).
     * The one rule behind the layers' initialisation check and {@link org.bnn4j.nn.conf.BnnConfigValidator}.
     */
    public static boolean canTrain(Layer layer, String key) {
        return layer instanceof QuantizedLayer q && ParamKeys.KERNEL.equals(key)
                && q.getKernelQuantizer() != null && q.getKernelQuantizer().precision() == 1;
    }

    /** gamma 1e-4, tau 1e-8, the paper's defaults. */
    public Bop() {
    }

    /**
     * @param gamma adaptivity rate of the moving average, in (0, 1]
     * @param tau   flip threshold on |m|, >= 0
     */
    public Bop(double gamma, double tau) {
        this(gamma, null, tau);
    }

    /**
     * @param gammaSchedule adaptivity rate by iteration/epoch (the paper decays it during training)
     * @param tau           flip threshold on |m|, >= 0
     */
    public Bop(ISchedule gammaSchedule, double tau) {
        this(Double.NaN, Objects.requireNonNull(gammaSchedule, "gammaSchedule"), tau);
    }

    private Bop(double gamma, ISchedule gammaSchedule, double tau) {
        if (gammaSchedule == null && !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("Bop: gamma must lie in (0, 1], got " + gamma);
        }
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("Bop: tau must be finite and >= 0, got " + tau);
        }
        this.gamma = gamma;
        this.gammaSchedule = gammaSchedule;
        this.tau = tau;
    }

    public double getGamma() {
        return gamma;
    }

    public double getTau() {
        return tau;
    }

    public ISchedule getGammaSchedule() {
        return gammaSchedule;
    }

    /** The adaptivity rate in effect at this iteration and epoch. */
    public double gammaAt(int iteration, int epoch) {
        return gammaSchedule == null ? gamma : gammaSchedule.valueAt(iteration, epoch);
    }

    /**
     * The post-updater step that turns the moving average m (left in the update array by this updater) into
     * the flip of the binary weights. bnn4j's binarized layers register it for a Bop kernel themselves.
     */
    public Regularization flipStep() {
        return new BopFlip(tau);
    }

    /** One moving-average value per parameter. */
    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        BopUpdater updater = new BopUpdater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        BopUpdater updater = new BopUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public Bop clone() {
        return new Bop(gamma, gammaSchedule == null ? null : gammaSchedule.clone(), tau);
    }

    /** Bop has no learning rate: it flips signs. */
    @Override
    public double getLearningRate(int iteration, int epoch) {
        return Double.NaN;
    }

    @Override
    public boolean hasLearningRate() {
        return false;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        throw new UnsupportedOperationException("Bop has no learning rate; set gamma (or a gamma schedule) and tau instead");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Bop)) return false;
        Bop that = (Bop) o;
        return Double.compare(gamma, that.gamma) == 0 && Double.compare(tau, that.tau) == 0
                && Objects.equals(gammaSchedule, that.gammaSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Bop.class, gamma, tau, gammaSchedule);
    }

    @Override
    public String toString() {
        return "Bop(gamma=" + (gammaSchedule == null ? gamma : gammaSchedule) + ", tau=" + tau + ")";
    }
}
