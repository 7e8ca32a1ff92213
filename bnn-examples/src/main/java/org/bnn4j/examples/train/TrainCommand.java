package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.examples.cli.OutputLocations;
import org.bnn4j.examples.spark.SparkOptions;
import org.bnn4j.nn.optimize.DeepFrankWolfe;
import org.bnn4j.zoo.OutputLoss;
import org.bnn4j.zoo.data.Layout;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.schedule.ISchedule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j train}: trains a zoo model on a local data set and leaves in {@code --out} the best model
 * (ModelSerializer zip), the last one, a CSV and a PNG chart of loss and accuracy per epoch, and the
 * final evaluation on the test set.
 *
 * <pre>
 * ./bnn4j train --model binarynet-mlp --dataset mnist --epochs 20 --out runs/mlp
 * ./bnn4j train --model xnor-resnet20 --dataset fashion-mnist --epochs 15 --batch 64 --lr 2e-3
 * ./bnn4j train --resume runs/xnor-resnet20-fashion-mnist   # continue a killed run from its checkpoint.zip
 * ./bnn4j train --from larq-model.h5 --dataset mnist --epochs 2 --lr 1e-3   # fine-tune a Larq/Keras model
 * ./bnn4j train --model binarynet-mlp --spark local[2] --averaging-frequency 5   # on Spark (see SparkOptions)
 * </pre>
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a zoo model on MNIST, Fashion-MNIST or CIFAR-10 (local files).")
public class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", description = "binarynet-mlp, xnor-resnet20, ttq-resnet20, birealnet18 or quicknet (required unless --from or --resume).")
    String model;

    @Option(names = "--from", description = "Fine-tune this Keras 2 / Larq HDF5 model (.h5) instead of a zoo --model; "
            + "it takes the data in its own layout (NHWC images).")
    Path from;

    @Option(names = "--full-precision", description = "Train the model's full-precision twin instead.")
    boolean fullPrecision;

    @Mixin
    ScheduleOptions schedule;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for weights, shuffling and splits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", description = "Output directory (default: runs/<model>-<dataset>[-fp]).")
    Path out;

    @Mixin
    DataLocation data;

    @Mixin
    SparkOptions spark;

    @Mixin
    MlpOptions mlp;

    @Option(names = "--loss", defaultValue = "softmax", description = "softmax, squared-hinge or multiclass-hinge (Deep Frank-Wolfe's) (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--pad32", description = "Zero-pad 28x28 images to 32x32 (conv models).")
    boolean pad32;

    @Option(names = "--normalize", defaultValue = "0-1", description = "Pixel range: 0-1 or -1-1 (default: ${DEFAULT-VALUE}).")
    String normalize;

    @Option(names = "--augment", description = "Random crops (and flips for CIFAR-10) on training images.")
    boolean augment;

    @Option(names = "--rotate", defaultValue = "0", description = "Augment: random rotations up to this many degrees (e.g. 10 for digits).")
    double rotationDegrees;

    @Option(names = "--intensity-jitter", defaultValue = "0", description = "Augment: scale pixel intensities by up to this fraction (e.g. 0.2).")
    double intensityJitter;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam, sgd, nesterov, bop (binary kernels; Adam for the rest) or dfw (Deep Frank-Wolfe) (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "nesterov and dfw: momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--eta", defaultValue = "0.1", description = "dfw: proximal step eta, its maximal learning rate (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--weight-decay", defaultValue = "0", description = "dfw: weight decay lambda (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--bop-gamma", defaultValue = "1e-4", description = "bop: adaptivity rate gamma (default: ${DEFAULT-VALUE}).")
    double bopGamma;

    @Option(names = "--bop-tau", defaultValue = "1e-8", description = "bop: flipping threshold tau (default: ${DEFAULT-VALUE}).")
    double bopTau;

    @Option(names = "--clip-gradients", defaultValue = "0", description = "Clip each gradient element of the weight layers to [-t, t] (BinaryNet: 1; default: off).")
    double gradientClipping;

    @Option(names = "--resume", description = "Continue the run in this directory from its last checkpoint, with its options.")
    Path resume;

    @Option(names = "--checkpoint-every", defaultValue = "0", converter = MinimumInt.NonNegative.class,
            description = "Also checkpoint every N minibatches (default: only at the end of each epoch).")
    int checkpointEvery;

    @Spec
    CommandSpec spec;

    /** The checkpoint this command continues, once {@link ResumedRun} has read it. */
    Checkpoint resumed;

    @Override
    public Integer call() throws Exception {
        if (resume != null && resumed == null) {
            return ResumedRun.command(resume, ResumedRun.ownArgs(spec)).call();
        }
        if ((model == null) == (from == null)) {
            throw new ParameterException(spec.commandLine(), model == null
                    ? "Missing required option: '--model=<model>' (or --from FILE.h5, or --resume DIR)"
                    : "--model and --from are alternatives: train a zoo model or fine-tune a Keras file");
        }
        ModelCatalog zoo = model != null ? ModelCatalog.byName(model) : null;
        mlp.check(zoo, fullPrecision);
        KerasModelFile keras = from != null ? ImportedModelOptions.check(spec, from) : null;
        DatasetCatalog.Options dataOptions = dataOptions(keras != null ? keras.layout()
                : zoo.needsImages() ? Layout.NCHW : Layout.FLAT);
        DatasetCatalog datasets = new DatasetCatalog(dataOptions);
        if (keras != null) {
            keras.requireInputOf(datasets);
        }
        String name = (zoo != null ? zoo.cliName() : keras.name()) + "-" + datasets.dataset().id() + (fullPrecision ? "-fp" : "");
        Path outDir = out != null ? out : Path.of("runs", name);
        OutputLocations.requireWritableDirectory(outDir, "--out");
        double learningRate = schedule.learningRate();
        double lrFinal = schedule.finalLearningRate();
        int epochs = schedule.epochs();
        int batch = schedule.batch();
        ISchedule rates = LearningRates.exponential(learningRate, lrFinal, epochs);

        TrainingMethod method = trainingMethod(zoo);
        spark.check(method.optimizer());
        ModelCatalog.Options m = new ModelCatalog.Options();
        m.fullPrecision = fullPrecision;
        m.seed = seed;
        m.updater = method.updater(rates);
        m.binaryKernelUpdater = method.binaryKernelUpdater();
        m.gradientClipping = gradientClipping;
        mlp.applyTo(m, seed);
        m.outputLoss = parseLoss(loss);
        NetworkAdapter network = zoo != null ? zoo.create(datasets.imageShape(), datasets.dataset().numClasses(), m)
                : keras.forTraining(m.outputLoss, m.updater, seed);
        network.useDeepFrankWolfe(method.deepFrankWolfe());

        Checkpoint.Run run = new Checkpoint.Run(ResumedRun.withoutResume(ResumedRun.ownArgs(spec)),
                network.configurationSignature());
        Trainer trainer = new Trainer(System.out).seed(seed).checkpoints(run, checkpointEvery);
        if (resumed != null) {
            network = ResumedRun.network(resumed, run);
            DeepFrankWolfe dfw = method.deepFrankWolfe();
            if (dfw != null) {
                dfw.restoreMomentum(resumed.dfwMomentum); // as it was when the checkpoint was written
            }
            network.useDeepFrankWolfe(dfw);
            trainer.resumeFrom(resumed.state);
        }

        LabeledData train = datasets.training();
        LabeledData validationData = datasets.validation();
        LabeledData test = datasets.test();
        System.out.printf(Locale.ROOT, "%s on %s: %,d parameters; %,d training / %,d validation / %,d test examples; "
                        + "%d epochs, batch %d, Adam lr %.2e -> %.2e; output %s%n",
                name, datasets.dataset().displayName(), network.numParams(), train.examples(), validationData.examples(),
                test.examples(), epochs, batch, learningRate, lrFinal, outDir);

        Trainer.TrainingResult result;
        try (MinibatchFitter fitter = spark.fitter(batch, "bnn4j train " + name, System.out)) { // LOCAL without --spark
            result = trainer.fitter(fitter)
                    .train(network, train, validationData, epochs, method.usesLearningRate() ? rates : null, outDir,
                            name + " on " + datasets.dataset().displayName(),
                            DataMetadata.of(dataOptions));
        }

        NetworkAdapter best = NetworkAdapter.restore(result.bestModel.toFile());
        Evaluation evaluation = best.evaluate(test.iterator(), test.classNames());
        String report = EvaluationReport.format(name, datasets.dataset().displayName(), evaluation, result);
        AtomicFiles.writeString(outDir.resolve("evaluation.txt"), report);
        System.out.println(report);
        return 0;
    }

    private DatasetCatalog.Options dataOptions(Layout layout) {
        DatasetCatalog.Options d = data.applyTo(new DatasetCatalog.Options());
        d.dataset = schedule.dataset();
        d.layout = layout;
        d.padTo = pad32 ? 32 : 0;
        d.batchSize = schedule.batch();
        d.seed = seed;
        d.validationSize = schedule.validation();
        d.normalization = DatasetCatalog.parseNormalization(normalize);
        d.augment = augment;
        d.rotationDegrees = rotationDegrees;
        d.intensityJitter = intensityJitter;
        return d;
    }

    /** The optimizer and its options, checked against the model and loss before any data is read. */
    private TrainingMethod trainingMethod(ModelCatalog zoo) {
        TrainingMethod.Settings s = new TrainingMethod.Settings();
        s.momentum = momentum;
        s.eta = eta;
        s.weightDecay = weightDecay;
        s.bopGamma = bopGamma;
        s.bopTau = bopTau;
        return TrainingMethod.of(TrainingMethod.Optimizer.parse(optimizer), s, parseLoss(loss), zoo, fullPrecision,
                gradientClipping);
    }

    /** What a training command line asks for, as a report of the run needs it. */
    public record Plan(String model, boolean fullPrecision, int epochs) {
        /** The zoo model's name: the --model value, with -fp for the full-precision twin. */
        public String modelName() {
            return model + (fullPrecision ? "-fp" : "");
        }
    }

    /**
     * Parses a run's recorded command line (as {@link Checkpoint.Run#args} holds it) with this command's own
     * options and defaults.
     *
     * @throws IllegalArgumentException if it is not a train command line with a --model
     */
    public static Plan plan(List<String> args) {
        TrainCommand c = new TrainCommand();
        try {
            new CommandLine(c).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("not a train command line (" + e.getMessage() + "): " + args, e);
        }
        if (c.model == null) {
            throw new IllegalArgumentException("the train command line has no --model: " + args);
        }
        return new Plan(c.model, c.fullPrecision, c.schedule.epochs());
    }

    static OutputLoss parseLoss(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "softmax": return OutputLoss.SOFTMAX_CROSS_ENTROPY;
            case "squared-hinge": return OutputLoss.SQUARED_HINGE;
            case "multiclass-hinge": return OutputLoss.MULTICLASS_HINGE;
            default: throw new IllegalArgumentException("--loss must be softmax, squared-hinge or multiclass-hinge, got " + s);
        }
    }
}
