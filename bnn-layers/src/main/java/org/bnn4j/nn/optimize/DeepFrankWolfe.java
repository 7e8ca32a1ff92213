package org.bnn4j.nn.optimize;

import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.util.ComputationGraphUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deep Frank-Wolfe (Berrada, Zisserman, Kumar, ICLR 2019): SGD whose step size {@code gamma} is the optimal one
 * of a proximal (Frank-Wolfe) problem on each mini-batch, computed in closed form. With {@code L} the mini-batch
 * loss, {@code delta} its gradient and {@code r = lambda * w} the weight-decay gradient, over all parameters at once:
 *
 * <pre>
 * gamma = clip_[0,1]((L - eta * &lt;delta, r&gt;) / (eta * ||delta||^2 + eps))
 * w    &lt;- w - eta * (r + gamma * delta)
 * z    &lt;- mu * z - eta * gamma * (delta + r);   w &lt;- w + mu * z        (momentum, as in oval-group/dfw; z starts at 0)
 * </pre>
 *
 * <h2>Why a trainer, not an {@code IUpdater}</h2>
 * {@code gamma} is one number for the whole network and needs the mini-batch loss and the norms over all parameters
 * before any of them moves. DL4J's {@code IUpdater}/{@code GradientUpdater} sees one parameter block's gradient and
 * never the loss; a {@code StepFunction} sees the direction after the updaters, also without the loss; a listener
 * runs after the step. So DFW drives the iteration itself, the way DL4J's {@code Solver} does: the network's own
 * {@code computeGradientAndScore()} (forward, backprop, BatchNorm batch statistics, the layers' quantizers and
 * noise seeds), then the step, then what {@code fit} does after its updater: BatchNorm's running mean and variance
 * are moved by the amount their layer computed (DL4J's {@code NoOp} rule for them), the layers' constraints are
 * applied (bnn4j's latent-weight clipping to [-1, 1] included), the iteration counter advances and the network's
 * listeners are called. The network's configured updater is not used.
 *
 * <p>DFW owns weight decay ({@code lambda}, applied to every trained parameter as in the reference code), so a
 * network with L1/L2/weight-decay regularization, gradient normalization or a Bop kernel is rejected rather than
 * trained with a rule it did not ask for. {@code L} should be a loss that is zero at a perfect fit, such as
 * {@link org.bnn4j.nn.lossfunctions.LossMultiClassHinge}, the paper's choice. Frozen layers (DL4J's
 * {@code FrozenLayer}) give no gradient and are left unchanged. One instance holds the momentum of one network.
 *
 * <pre>{@code
 * MultiLayerNetwork net = ...;   // output layer: new OutputLayer.Builder(new LossMultiClassHinge()), IDENTITY
 * DeepFrankWolfe dfw = new DeepFrankWolfe(0.1, 0.9, 1e-4);   // eta, momentum, weight decay
 * dfw.fit(net, trainIterator, 10);
 * double gamma = dfw.getLastGamma();                          // the step size of the last mini-batch
 * }</pre>
 */
public class DeepFrankWolfe {

    /** The reference implementation's default: keeps gamma finite when the gradient vanishes. */
    public static final double DEFAULT_EPSILON = 1e-5;

    private static final Set<String> BATCH_NORM_STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private final double eta;
    private final double momentum;
    private final double weightDecay;
    private final double epsilon;

    private final Map<String, INDArray> momentumBuffers = new HashMap<>();
    private Object trainedModel;
    private boolean restoredUnchecked;
    private double lastGamma = Double.NaN;
    private double lastLoss = Double.NaN;

    /** Momentum 0.9, no weight decay. */
    public DeepFrankWolfe(double eta) {
        this(eta, 0.9, 0.0);
    }

    public DeepFrankWolfe(double eta, double momentum, double weightDecay) {
        this(eta, momentum, weightDecay, DEFAULT_EPSILON);
    }

    /**
     * @param eta         the proximal coefficient, DFW's (maximal) learning rate, positive
     * @param momentum    mu in [0, 1); 0 for none
     * @param weightDecay lambda, at least 0
     * @param epsilon     added to gamma's denominator, positive
     */
    public DeepFrankWolfe(double eta, double momentum, double weightDecay, double epsilon) {
        if (!(eta > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || !(epsilon > 0)) {
            throw new IllegalArgumentException("DeepFrankWolfe: need eta > 0, 0 <= momentum < 1, weight decay >= 0 and "
                    + "epsilon > 0; got " + eta + ", " + momentum + ", " + weightDecay + ", " + epsilon);
        }
        this.eta = eta;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.epsilon = epsilon;
    }

    /** Trains {@code net} for {@code epochs} passes over {@code data}, one DFW step per mini-batch. */
    public void fit(MultiLayerNetwork net, DataSetIterator data, int epochs) {
        fit(DfwModel.of(net), data, epochs, net);
    }

    /** Trains a single-input, single-output {@code graph} for {@code epochs} passes over {@code data}. */
    public void fit(ComputationGraph graph, DataSetIterator data, int epochs) {
        fit(DfwModel.of(graph), data, epochs, graph);
    }

    private void fit(DfwModel model, DataSetIterator data, int epochs, Object network) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (data.resetSupported()) {
                data.reset();
            }
            while (data.hasNext()) {
                step(model, ComputationGraphUtil.toMultiDataSet(data.next()), network);
            }
            model.setEpoch(model.epoch() + 1);
        }
    }

    /** One DFW iteration on one mini-batch; returns the mini-batch loss L. */
    public double step(MultiLayerNetwork net, DataSet batch) {
        return step(DfwModel.of(net), ComputationGraphUtil.toMultiDataSet(batch), net);
    }

    /** One DFW iteration of a graph on one mini-batch; returns the mini-batch loss L. */
    public double step(ComputationGraph graph, MultiDataSet batch) {
        return step(DfwModel.of(graph), batch, graph);
    }

    private double step(DfwModel model, MultiDataSet batch, Object network) {
        if (trainedModel != null && trainedModel != network) {
            throw new IllegalStateException("DeepFrankWolfe: this instance holds the momentum of another network; "
                    + "use one instance per network");
        }
        trainedModel = network;
        model.setBatch(batch);
        double loss = model.computeGradientAndScore();
        long examples = batch.getFeatures(0).size(0);

        List<DfwModel.Parameter> trained = new ArrayList<>();
        List<DfwModel.Parameter> statistics = new ArrayList<>();
        for (DfwModel.Parameter p : model.parameters()) {
            if (isBatchNormStatistic(p)) {
                statistics.add(p);
            } else {
                checkTrainable(p);
                trained.add(p);
            }
        }
        requireRestoredMomentumFits(trained);

        // delta: DL4J's gradient is that of the summed loss, L its mean over the mini-batch
        double dot = 0;
        double squaredNorm = 0;
        for (DfwModel.Parameter p : trained) {
            INDArray delta = p.gradient().divi(examples);
            dot += weightDecay == 0 ? 0 : weightDecay * delta.mul(p.value()).sumNumber().doubleValue();
            double norm = delta.norm2Number().doubleValue();
            squaredNorm += norm * norm;
        }
        double gamma = Math.max(0, Math.min(1, (loss - eta * dot) / (eta * squaredNorm + epsilon)));

        for (DfwModel.Parameter p : trained) {
            INDArray w = p.value();
            INDArray delta = p.gradient();
            INDArray r = w.mul(weightDecay);
            w.subi(delta.mul(gamma).addi(r).muli(eta));
            if (momentum > 0) {
                INDArray z = momentumBuffers.computeIfAbsent(p.name(), k -> w.ulike().assign(0));
                z.muli(momentum).subi(delta.add(r).muli(eta * gamma));
                w.addi(z.mul(momentum));
            }
        }
        for (DfwModel.Parameter p : statistics) {
            p.value().subi(p.gradient()); // the running averages' own update, as DL4J's NoOp updater applies it
        }
        model.endIteration();
        lastGamma = gamma;
        lastLoss = loss;
        return loss;
    }

    private static boolean isBatchNormStatistic(DfwModel.Parameter p) {
        return p.layer().conf().getLayer() instanceof BatchNormalization && BATCH_NORM_STATISTICS.contains(p.key());
    }

    /** Checks that DFW may train {@code p}: an error for a parameter it would train wrongly. */
    private static void checkTrainable(DfwModel.Parameter p) {
        org.deeplearning4j.nn.conf.layers.Layer conf = p.layer().conf().getLayer();
        if (conf.getUpdaterByParam(p.key()) instanceof Bop) {
            throw new IllegalArgumentException("DeepFrankWolfe: " + p.name() + " is trained by Bop; DFW replaces the "
                    + "optimizer of every parameter, remove kernelUpdater(new Bop())");
        }
        List<?> regularization = conf.getRegularizationByParam(p.key());
        if (regularization != null && !regularization.isEmpty()) {
            throw new IllegalArgumentException("DeepFrankWolfe: " + p.name() + " has regularization " + regularization
                    + "; DFW owns weight decay: remove it from the configuration and pass it to DeepFrankWolfe");
        }
        if (conf instanceof BaseLayer base && base.getGradientNormalization() != null
                && base.getGradientNormalization() != GradientNormalization.None) {
            throw new IllegalArgumentException("DeepFrankWolfe: " + p.name() + " has gradient normalization "
                    + base.getGradientNormalization() + ", which DFW does not apply; remove it");
        }
    }

    /**
     * Copies of the momentum buffers by parameter name (layer name and key, e.g. {@code layer0/W}), for a checkpoint: empty
     * before the first step or without momentum. A run that continues from a checkpoint restores them with
     * {@link #restoreMomentum} and steps exactly as if it had never stopped.
     *
     * <pre>{@code
     * Map<String, INDArray> saved = dfw.momentumState();         // with the network's parameters
     * DeepFrankWolfe again = new DeepFrankWolfe(0.1, 0.9, 1e-4);
     * again.restoreMomentum(saved);                             // then again.step(restoredNetwork, batch)
     * }</pre>
     */
    public Map<String, INDArray> momentumState() {
        Map<String, INDArray> copy = new TreeMap<>();
        momentumBuffers.forEach((name, z) -> copy.put(name, z.dup()));
        return copy;
    }

    /**
     * Continues with the momentum buffers {@link #momentumState} returned. Allowed before this instance's first step
     * only; the next step checks that every buffer belongs to a trained parameter of the same shape.
     */
    public void restoreMomentum(Map<String, INDArray> buffers) {
        if (trainedModel != null) {
            throw new IllegalStateException("DeepFrankWolfe: restore the momentum before the first step");
        }
        if (!buffers.isEmpty() && momentum == 0) {
            throw new IllegalArgumentException("DeepFrankWolfe: momentum buffers given to an instance without momentum");
        }
        momentumBuffers.clear();
        buffers.forEach((name, z) -> momentumBuffers.put(name, z.dup()));
        restoredUnchecked = !buffers.isEmpty();
    }

    private void requireRestoredMomentumFits(List<DfwModel.Parameter> trained) {
        if (!restoredUnchecked) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (DfwModel.Parameter p : trained) {
            names.add(p.name());
            INDArray z = momentumBuffers.get(p.name());
            if (z != null && !Arrays.equals(z.shape(), p.value().shape())) {
                throw new IllegalStateException("DeepFrankWolfe: the restored momentum of " + p.name() + " has shape "
                        + Arrays.toString(z.shape()) + ", the parameter " + Arrays.toString(p.value().shape()));
            }
        }
        for (String name : momentumBuffers.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalStateException("DeepFrankWolfe: restored momentum for " + name
                        + ", which this network does not train (trained: " + new TreeSet<>(names) + ")");
            }
        }
        restoredUnchecked = false;
    }

    /** The step size gamma of the last mini-batch (NaN before the first). */
    public double getLastGamma() {
        return lastGamma;
    }

    /** The loss L of the last mini-batch (NaN before the first). */
    public double getLastLoss() {
        return lastLoss;
    }

    public double getEta() {
        return eta;
    }

    public double getMomentum() {
        return momentum;
    }

    public double getWeightDecay() {
        return weightDecay;
    }

    public double getEpsilon() {
        return epsilon;
    }
}
