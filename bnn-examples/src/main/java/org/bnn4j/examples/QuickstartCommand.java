package org.bnn4j.examples;

import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.examples.cli.OutputLocations;
import org.bnn4j.examples.deploy.LatencyComparison;
import org.bnn4j.examples.deploy.ModelExport;
import org.bnn4j.examples.deploy.RuntimeEvaluation;
import org.bnn4j.examples.train.DataMetadata;
import org.bnn4j.examples.train.DataLocation;
import org.bnn4j.examples.train.DatasetCatalog;
import org.bnn4j.examples.train.LabeledData;
import org.bnn4j.examples.train.LearningRates;
import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.examples.train.Trainer;
import org.bnn4j.export.BnnSummary;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.BinaryNetMlp;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The main job: trains a small BinaryNet MLP on MNIST, exports it to the packed format, runs it on the
 * dependency-free runtime, and prints the accuracy of both, the file sizes and the inference speed.
 *
 * <pre>
 * scripts/fetch-data.sh && ./bnn4j quickstart
 * </pre>
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a small BinaryNet on MNIST, export it, run it on the bnn4j runtime; print accuracy, size and speed.")
public class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--epochs", defaultValue = "3", converter = MinimumInt.Positive.class,
            description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--width", defaultValue = "512", converter = MinimumInt.Positive.class,
            description = "Width of the three binarized hidden layers (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataLocation data;

    @Option(names = "--out", defaultValue = "runs/quickstart", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputLocations.requireWritableDirectory(out, "--out");
        DatasetCatalog.Options d = data.applyTo(new DatasetCatalog.Options());
        d.dataset = "mnist";
        d.seed = seed;
        d.validationSize = data.limit() > 0 ? Math.max(1, data.limit() / 10) : 5000;
        DatasetCatalog catalog = new DatasetCatalog(d);
        LabeledData train = catalog.training();
        LabeledData validation = catalog.validation();
        LabeledData test = catalog.test();

        ISchedule lr = LearningRates.exponential(3e-3, 3e-4, epochs);
        NetworkAdapter network = new NetworkAdapter(BinaryNetMlp.builder().width(width).inputDropout(0).hiddenDropout(0)
                .seed(seed).updater(new Adam(lr)).build().init());
        System.out.printf(Locale.ROOT, "1/3 Training BinaryNet MLP 784-%d-%d-%d-10 (binary weights in every layer) on MNIST: "
                + "%,d training images, %d epochs%n", width, width, width, train.examples(), epochs);
        Trainer.TrainingResult trained = new Trainer(System.out).train(network, train, validation, epochs, lr, out,
                "BinaryNet MLP on MNIST", DataMetadata.of(d));
        NetworkAdapter best = NetworkAdapter.restore(trained.bestModel.toFile());

        System.out.println();
        System.out.println("2/3 Exporting to the packed format");
        Path packed = out.resolve("model.bnn");
        BnnSummary summary = ModelExport.export(best, DataMetadata.readFrom(trained.bestModel.toFile()), packed);
        System.out.println(summary);

        System.out.println("3/3 Running on the bnn4j runtime (no DL4J, no ND4J: XNOR and popcount)");
        try (BnnModel model = BnnModel.load(packed)) {
            Evaluation dl4j = best.evaluate(test.iterator(), test.classNames());
            RuntimeEvaluation runtime = RuntimeEvaluation.of(model, test);
            long agreeing = agreeingPredictions(best, model, test);
            test.iterator().reset();
            LatencyComparison latency = LatencyComparison.measure(best, model, test.iterator().next().getFeatures(), 5);
            report(dl4j, runtime, agreeing, summary, packed, trained.bestModel, latency);
        }
        return 0;
    }

    private static long agreeingPredictions(NetworkAdapter network, BnnModel model, LabeledData data) {
        data.iterator().reset();
        long same = 0;
        while (data.iterator().hasNext()) {
            DataSet batch = data.iterator().next();
            int[] dl4j = network.output(batch.getFeatures()).argMax(1).toIntVector();
            int[] runtime = model.classify(batch.getFeatures().toFloatMatrix());
            for (int i = 0; i < dl4j.length; i++) {
                if (dl4j[i] == runtime[i]) same++;
            }
        }
        return same;
    }

    private static void report(Evaluation dl4j, RuntimeEvaluation runtime, long agreeing, BnnSummary summary, Path packed,
                               Path zip, LatencyComparison latency) throws java.io.IOException {
        long packedBytes = Files.size(packed);
        System.out.println();
        System.out.printf(Locale.ROOT, "Accuracy on the MNIST test set (%,d images)%n", runtime.examples);
        System.out.printf(Locale.ROOT, "  DL4J, binarized model       %6.2f%%%n", 100 * dl4j.accuracy());
        System.out.printf(Locale.ROOT, "  bnn4j runtime, packed model %6.2f%%   (same prediction on %,d of %,d images)%n",
                100 * runtime.accuracy(), agreeing, runtime.examples);
        System.out.println("Size");
        System.out.printf(Locale.ROOT, "  float32 parameters          %,12d bytes%n", summary.float32Bytes());
        System.out.printf(Locale.ROOT, "  ModelSerializer zip         %,12d bytes   (with updater state)%n", Files.size(zip));
        System.out.printf(Locale.ROOT, "  packed model.bnn            %,12d bytes   (%.1fx smaller than float32)%n",
                packedBytes, (double) summary.float32Bytes() / packedBytes);
        System.out.println("Speed, one image at a time (median of 5 rounds over 100 images)");
        System.out.printf(Locale.ROOT, "  DL4J output()               %9.3f ms%n", latency.dl4jMillis);
        System.out.printf(Locale.ROOT, "  bnn4j runtime predict()     %9.3f ms   (%.0fx faster)%n", latency.runtimeMillis, latency.speedUp());
        System.out.printf(Locale.ROOT, "  bnn4j runtime, whole test set in batches: %,.0f images/s%n", runtime.examplesPerSecond());
    }
}
