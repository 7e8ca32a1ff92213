package org.bnn4j.examples.pretrained;

import org.bnn4j.examples.cli.InputFiles;
import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.examples.cli.OutputLocations;
import org.bnn4j.examples.deploy.ModelExport;
import org.bnn4j.examples.deploy.RuntimeEvaluation;
import org.bnn4j.examples.train.Checkpoint;
import org.bnn4j.examples.train.DataLocation;
import org.bnn4j.examples.train.DataMetadata;
import org.bnn4j.examples.train.DatasetCatalog;
import org.bnn4j.examples.train.LabeledData;
import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.examples.train.TrainCommand;
import org.bnn4j.examples.train.TrainingHistory;
import org.bnn4j.examples.train.Trainer;
import org.bnn4j.pretrained.CatalogWriter;
import org.bnn4j.pretrained.PretrainedCatalog;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.pretrained.ShippedFile;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.PretrainedNetworks;
import org.bnn4j.zoo.data.ImageDataset;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code ./bnn4j package-pretrained}: turns a finished training run into the files bnn4j ships. From the run's
 * best model it writes, in the source tree given by {@code --repo}:
 * <ul>
 *   <li>{@code bnn-zoo/src/main/resources/org/bnn4j/zoo/pretrained/NAME.zip}: the DL4J network without updater
 *       state, with its input preparation (read by the zoo's {@code initPretrained});</li>
 *   <li>{@code bnn-pretrained/src/main/resources/org/bnn4j/pretrained/NAME.bnn}: that zip exported to the packed
 *       format (read by {@code PretrainedModels.load});</li>
 *   <li>{@code NAME.properties} next to it: input shape and preparation, class names, the test accuracy of both
 *       files measured here on the full test set by DL4J and by the runtime, the training command and budget, each
 *       file's size and SHA-256; and its line in {@code models.index}.</li>
 * </ul>
 * With {@code --latents quantized} the zip's quantized kernels hold their quantized values instead of the latent
 * weights ({@link QuantizedLatents}); every test output must then equal the trained network's exactly, else nothing
 * is written. Shipped files together must stay under {@value #BUDGET_BYTES} bytes.
 *
 * <pre>
 * ./bnn4j package-pretrained --run /work/runs/xnor-fashion
 * ./bnn4j package-pretrained --run /work/runs/mlp-mnist --latents quantized
 * </pre>
 */
@Command(name = "package-pretrained", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Package a finished training run as a shipped pretrained model: DL4J zip (no updater), packed "
                + "model, metadata with the test accuracy of both files measured on the full test set, SHA-256 of each.",
                "Writes into the source tree (--repo); rebuild to ship."})
public class PackagePretrainedCommand implements Callable<Integer> {
    /** The budget for everything the pretrained models add to the jars. */
    static final long BUDGET_BYTES = 20L * 1000 * 1000;
    static final String PRETRAINED_RESOURCES = "bnn-pretrained/src/main/resources";
    static final String ZOO_RESOURCES = "bnn-zoo/src/main/resources";

    @Option(names = "--run", required = true, description = "The run's output directory (best-model.zip, checkpoint.zip, history.csv).")
    Path run;

    @Option(names = "--name", description = "The shipped model's name (default: <model>-<dataset> from the run, e.g. xnor-resnet20-fashion-mnist).")
    String name;

    @Option(names = "--checkpoint", defaultValue = Trainer.BEST_MODEL,
            description = "The run's model file to ship (default: ${DEFAULT-VALUE}, the best validation accuracy).")
    String checkpoint;

    @Option(names = "--latents", defaultValue = "kept",
            description = "kept: the zip holds the trained latent weights; quantized: quantized kernels hold their "
                    + "quantized values (same outputs, verified on the whole test set; far smaller zip) (default: ${DEFAULT-VALUE}).")
    String latents;

    @Option(names = "--no-dl4j", description = "Ship the packed model only (no DL4J zip, no initPretrained).")
    boolean noDl4j;

    @Option(names = "--allow-unfinished", description = "Ship a run that has not trained all its epochs yet (its "
            + "metadata says so: training.epochs < training.epochsPlanned).")
    boolean allowUnfinished;

    @Option(names = "--repo", defaultValue = ".", description = "The bnn4j source tree to write into (default: the current directory).")
    Path repo;

    @Mixin
    DataLocation data;

    @Override
    public Integer call() throws Exception {
        if (!latents.equals("kept") && !latents.equals("quantized")) {
            throw new IllegalArgumentException("--latents must be kept or quantized, got " + latents);
        }
        if (data.limit() > 0) {
            throw new IllegalArgumentException("--limit: the shipped accuracy is measured on the full test set");
        }
        Path modelFile = run.resolve(checkpoint);
        InputFiles.requireReadableFile(modelFile, "a ModelSerializer zip written by ./bnn4j train");
        Checkpoint.Record record = Checkpoint.readRecord(run);
        DataMetadata prepared = DataMetadata.readFrom(modelFile.toFile()).orElseThrow(() -> new ModelFileException(
                modelFile, "has no record of its input preparation (it was not saved by ./bnn4j train)"));
        TrainCommand.Plan plan;
        try {
            plan = TrainCommand.plan(record.run().args);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(record.file(), e.getMessage(), e);
        }
        String modelName = plan.modelName();
        if (record.state().epochsDone < plan.epochs()) {
            String progress = run + " has trained " + record.state().epochsDone + " of its " + plan.epochs() + " epochs";
            if (!allowUnfinished) {
                throw new IllegalArgumentException(progress + ": package it when it has finished (or --allow-unfinished)");
            }
            System.out.println("Warning: " + progress + "; shipping " + checkpoint + " as it is (--allow-unfinished)");
        }
        ImageDataset dataset = ImageDataset.fromId(prepared.dataset);
        String shippedName = name != null ? name : modelName + "-" + dataset.id();
        if (!shippedName.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("--name must be lower-case letters, digits, dots and dashes, got " + shippedName);
        }
        Path pretrainedRoot = repo.resolve(PRETRAINED_RESOURCES);
        Path zooRoot = repo.resolve(ZOO_RESOURCES);
        Path packedPath = pretrainedRoot.resolve(PretrainedCatalog.ROOT + shippedName + ".bnn");
        Path zipPath = zooRoot.resolve(PretrainedNetworks.resource(shippedName));
        Files.createDirectories(packedPath.getParent());
        Files.createDirectories(zipPath.getParent());
        OutputLocations.requireWritableDirectory(packedPath.getParent(), "--repo");
        OutputLocations.requireWritableDirectory(zipPath.getParent(), "--repo");

        DatasetCatalog.Options options = data.applyTo(prepared.toOptions());
        options.batchSize = 500;
        DatasetCatalog catalog = new DatasetCatalog(options);
        LabeledData test = catalog.test();

        NetworkAdapter network = NetworkAdapter.restore(modelFile.toFile());
        if (latents.equals("quantized")) {
            int layers = QuantizedLatents.replace(network.model());
            requireSameOutputs(NetworkAdapter.restore(modelFile.toFile()), network, test, modelFile);
            System.out.printf(Locale.ROOT, "%d quantized kernels now hold their quantized values; all %,d test outputs "
                    + "equal the trained network's exactly%n", layers, test.examples());
        }

        // Write next to the final files, measure what was written, then move into place.
        Path zipTmp = zipPath.resolveSibling(zipPath.getFileName() + ".tmp");
        Path packedTmp = packedPath.resolveSibling(packedPath.getFileName() + ".tmp");
        try {
            ModelSerializer.writeModel(network.model(), zipTmp.toFile(), false);
            prepared.writeTo(zipTmp.toFile());
            NetworkAdapter shipped = NetworkAdapter.restore(zipTmp.toFile());
            ModelExport.export(shipped, Optional.of(prepared), packedTmp);

            Evaluation dl4j = shipped.evaluate(test.iterator(), test.classNames());
            int dl4jCorrect = correct(dl4j);
            RuntimeEvaluation runtime;
            int[] inputShape;
            try (BnnModel packed = BnnModel.load(packedTmp)) {
                runtime = RuntimeEvaluation.of(packed, test);
                inputShape = packed.inputShape();
            }
            if (runtime.examples != dl4j.getNumRowCounter()) {
                throw new IllegalStateException("DL4J saw " + dl4j.getNumRowCounter() + " test examples, the runtime "
                        + runtime.examples);
            }

            List<TrainingHistory.Epoch> history = record.state().history;
            PretrainedModel.Builder m = PretrainedModel.builder().name(shippedName).model(modelName)
                    .dataset(dataset.id(), dataset.displayName())
                    .inputShape(inputShape)
                    .imageSide(dataset.height()).padTo(prepared.padTo)
                    .range(prepared.normalization.apply(0), prepared.normalization.apply(255))
                    .lightOnDark(dataset != ImageDataset.CIFAR10)
                    .classNames(dataset.classNames())
                    .testResults((int) runtime.examples, dl4jCorrect, (int) runtime.correct)
                    .training(trainCommand(record.run().args), record.state().epochsDone, plan.epochs(),
                            history.stream().mapToDouble(e -> e.seconds).sum())
                    .latents(latents);

            Files.move(packedTmp, packedPath, StandardCopyOption.REPLACE_EXISTING);
            m.packedFile(shippedFile(pretrainedRoot, packedPath));
            if (noDl4j) {
                Files.delete(zipTmp);
                Files.deleteIfExists(zipPath);
            } else {
                Files.move(zipTmp, zipPath, StandardCopyOption.REPLACE_EXISTING);
                m.dl4jFile(shippedFile(zooRoot, zipPath));
            }
            PretrainedModel model = m.build();
            Path metadata = CatalogWriter.add(pretrainedRoot, model);
            long total = shippedBytes(pretrainedRoot, zooRoot);
            report(model, record, metadata, total);
            if (total > BUDGET_BYTES) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the shipped models now add %,d bytes, "
                        + "over the %,d-byte budget: package the MLPs with --latents quantized or use --no-dl4j", total, BUDGET_BYTES));
            }
        } finally {
            Files.deleteIfExists(zipTmp);
            Files.deleteIfExists(packedTmp);
        }
        return 0;
    }

    /** Every output of the compacted network must be bit-identical to the trained one's, on every test example. */
    private static void requireSameOutputs(NetworkAdapter trained, NetworkAdapter compacted, LabeledData test, Path source) {
        test.iterator().reset();
        long n = 0;
        while (test.iterator().hasNext()) {
            DataSet batch = test.iterator().next();
            float[][] expected = trained.output(batch.getFeatures()).toFloatMatrix();
            float[][] actual = compacted.output(batch.getFeatures()).toFloatMatrix();
            for (int i = 0; i < expected.length; i++) {
                if (!Arrays.equals(expected[i], actual[i])) {
                    throw new IllegalArgumentException("--latents quantized changes the outputs of " + source
                            + " (test example " + (n + i) + "): ship it with --latents kept");
                }
            }
            n += expected.length;
        }
    }

    private static int correct(Evaluation e) {
        return e.truePositives().values().stream().mapToInt(Integer::intValue).sum();
    }

    private static ShippedFile shippedFile(Path resourcesRoot, Path file) throws IOException {
        String resource = resourcesRoot.relativize(file).toString().replace('\\', '/');
        return ShippedFile.of(resource, Files.readAllBytes(file));
    }

    /** All the shipped models' files, as their metadata records them. */
    private static long shippedBytes(Path pretrainedRoot, Path zooRoot) throws IOException {
        PretrainedCatalog all = PretrainedCatalog.of(new URLClassLoader(
                new URL[]{pretrainedRoot.toUri().toURL(), zooRoot.toUri().toURL()}, null));
        long total = 0;
        for (PretrainedModel m : all.list()) {
            total += m.packedFile().bytes() + m.dl4jFile().map(ShippedFile::bytes).orElse(0L);
            all.read(m, PretrainedModel.PACKED); // every listed file is there and matches its checksum
            if (m.dl4jFile().isPresent()) {
                all.read(m, PretrainedModel.DL4J);
            }
        }
        return total;
    }

    private static void report(PretrainedModel m, Checkpoint.Record record, Path metadata, long total) {
        System.out.printf(Locale.ROOT, "%s: %s on %s, input %s, %d of %d epochs (%.1f min of training; best validation "
                        + "%.2f%% in epoch %d)%n", m.name(), m.model(), m.datasetName(), m.inputDescription(), m.epochs(),
                m.epochsPlanned(), m.trainingSeconds() / 60, 100 * record.state().bestAccuracy, record.state().bestEpoch);
        System.out.printf(Locale.ROOT, "  test accuracy on %,d examples: DL4J %.2f%% (%,d), runtime %.2f%% (%,d)%n",
                m.testExamples(), 100 * m.dl4jAccuracy(), m.dl4jCorrect(), 100 * m.runtimeAccuracy(), m.runtimeCorrect());
        System.out.printf(Locale.ROOT, "  %s  %,d bytes  sha256 %s%n", m.packedFile().resource(), m.packedFile().bytes(),
                m.packedFile().sha256());
        m.dl4jFile().ifPresent(f -> System.out.printf(Locale.ROOT, "  %s  %,d bytes  sha256 %s (latents %s)%n",
                f.resource(), f.bytes(), f.sha256(), m.latents()));
        System.out.printf(Locale.ROOT, "  %s%n  trained by: %s%n", metadata, m.trainingCommand());
        System.out.printf(Locale.ROOT, "All shipped models now add %,d bytes to the jars (budget %,d)%n", total, BUDGET_BYTES);
    }

    private static String trainCommand(List<String> args) {
        return "./bnn4j train " + args.stream().map(a -> a.matches("[A-Za-z0-9_./=:,+-]+") ? a : "'" + a + "'")
                .collect(Collectors.joining(" "));
    }
}
