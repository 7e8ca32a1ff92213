package org.bnn4j.examples.train;

import org.bnn4j.nn.optimize.DeepFrankWolfe;
import org.bnn4j.nn.updaters.Bop;
import org.bnn4j.zoo.OutputLoss;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How {@code ./bnn4j train} optimizes: {@code --optimizer adam|sgd|nesterov|bop|dfw} with the options each takes,
 * and the combinations that cannot work, refused before any data is read with one line (exit code 2 through the
 * command line's handling of {@link IllegalArgumentException}).
 *
 * <pre>{@code
 * TrainingMethod m = TrainingMethod.of(TrainingMethod.Optimizer.parse("dfw"), settings, OutputLoss.MULTICLASS_HINGE,
 *         ModelCatalog.BINARYNET_MLP, false, 0);
 * DeepFrankWolfe dfw = m.deepFrankWolfe();          // non-null for dfw: the trainer steps with it
 * }</pre>
 */
public final class TrainingMethod {

    /** The optimizers the command line offers. */
    public enum Optimizer {
        ADAM, SGD, NESTEROV, BOP, DFW;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optimizer parse(String name) {
            for (Optimizer o : values()) {
                if (o.cliName().equals(name.toLowerCase(Locale.ROOT))) {
                    return o;
                }
            }
            throw new IllegalArgumentException("--optimizer must be one of " + Arrays.stream(values())
                    .map(Optimizer::cliName).collect(Collectors.joining(", ")) + ", got " + name);
        }
    }

    /** The optimizers' numbers, as the command line read them. */
    public static final class Settings {
        public double momentum = 0.9;
        public double eta = 0.1;
        public double weightDecay = 0;
        public double bopGamma = Bop.DEFAULT_GAMMA;
        public double bopTau = Bop.DEFAULT_TAU;
    }

    private final Optimizer optimizer;
    private final Settings settings;

    private TrainingMethod(Optimizer optimizer, Settings settings) {
        this.optimizer = optimizer;
        this.settings = settings;
    }

    /** Checks the combination; throws {@link IllegalArgumentException} with one clear line when it cannot work. */
    public static TrainingMethod of(Optimizer optimizer, Settings settings, OutputLoss loss, ModelCatalog model,
                                    boolean fullPrecision, double gradientClipping) {
        if (optimizer == Optimizer.DFW) {
            if (loss == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
                throw new IllegalArgumentException("--optimizer dfw needs a hinge loss (--loss multiclass-hinge or "
                        + "squared-hinge): its step size assumes a loss that is 0 at a perfect fit");
            }
            if (gradientClipping > 0) {
                throw new IllegalArgumentException("--optimizer dfw takes no --clip-gradients: DFW computes its own step size");
            }
            new DeepFrankWolfe(settings.eta, settings.momentum, settings.weightDecay); // checks the numbers now
        } else if (settings.weightDecay != 0) {
            throw new IllegalArgumentException("--weight-decay is Deep Frank-Wolfe's (--optimizer dfw)");
        }
        if (optimizer == Optimizer.BOP) {
            if (fullPrecision) {
                throw new IllegalArgumentException("--optimizer bop flips binary weights; a --full-precision model has none");
            }
            if (model == null || model == ModelCatalog.TTQ_RESNET20) {
                throw new IllegalArgumentException("--optimizer bop flips binary weights: "
                        + (model == null ? "a zoo --model" : "not " + model.cliName() + ", whose kernels are ternary")
                        + " (binarynet-mlp, xnor-resnet20, birealnet18, quicknet)");
            }
            new Bop(settings.bopGamma, settings.bopTau); // checks the numbers now
        }
        return new TrainingMethod(optimizer, settings);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The network's updater with the learning-rate schedule: Adam for adam and for everything Bop does not train,
     * SGD, Nesterov momentum; for dfw, plain SGD with the schedule (unused: DFW steps the network itself).
     */
    public IUpdater updater(ISchedule learningRate) {
        switch (optimizer) {
            case SGD:
            case DFW:
                return new Sgd(learningRate);
            case NESTEROV:
                return new Nesterovs(learningRate, settings.momentum);
            default:
                return new Adam(learningRate);
        }
    }

    /** Bop for the binary kernels with --optimizer bop, else null (the network's updater). */
    public IUpdater binaryKernelUpdater() {
        return optimizer == Optimizer.BOP ? new Bop(settings.bopGamma, settings.bopTau) : null;
    }

    /** The Deep Frank-Wolfe trainer with --optimizer dfw, else null. */
    public DeepFrankWolfe deepFrankWolfe() {
        return optimizer == Optimizer.DFW ? new DeepFrankWolfe(settings.eta, settings.momentum, settings.weightDecay) : null;
    }

    /** Whether the learning-rate schedule (--lr, --lr-final) drives training: not with DFW, whose step is eta * gamma. */
    public boolean usesLearningRate() {
        return optimizer != Optimizer.DFW;
    }
}
