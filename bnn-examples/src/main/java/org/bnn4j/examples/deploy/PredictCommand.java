package org.bnn4j.examples.deploy;

import org.bnn4j.examples.cli.InputFiles;
import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.examples.train.DataLocation;
import org.bnn4j.examples.train.DatasetCatalog;
import org.bnn4j.examples.train.LabeledData;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.data.ImageDataset;
import org.bnn4j.zoo.data.Layout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j predict}: runs a packed model on a test set with the dependency-free runtime and prints its
 * accuracy and speed. The layout comes from the model's input shape: flat, [C, H, W] images (bnn4j's zoo) or
 * [H, W, C] ones (models imported from Keras), padded to 32x32 or not.
 *
 * <pre>
 * ./bnn4j predict --model mlp.bnn --dataset mnist
 * </pre>
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify a test set with a packed model on the bnn4j runtime; print accuracy and speed.")
public class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A packed model file (.bnn).")
    Path modelFile;

    @Option(names = "--dataset", defaultValue = "mnist", description = "mnist, fashion-mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Mixin
    DataLocation data;

    @Option(names = "--normalize", defaultValue = "0-1", description = "Pixel range the model was trained on: 0-1 or -1-1 (default: ${DEFAULT-VALUE}).")
    String normalize;

    @Option(names = "--batch", defaultValue = "256", converter = MinimumInt.Positive.class,
            description = "Examples per runtime call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "1", converter = MinimumInt.Positive.class,
            description = "Runtime worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        try (BnnModel model = load(modelFile).withThreads(threads)) {
            LabeledData test = testData(model.inputShape());
            RuntimeEvaluation r = RuntimeEvaluation.of(model, test);
            System.out.printf(Locale.ROOT, "%s on %s (runtime only, %d thread%s): accuracy %.2f%% (%,d of %,d), %.0f examples/s%n",
                    modelFile.getFileName(), dataset, threads, threads == 1 ? "" : "s", 100 * r.accuracy(), r.correct,
                    r.examples, r.examplesPerSecond());
        }
        return 0;
    }

    /** Loads a packed model so that every failure names the file (the runtime reports bad content itself). */
    private static BnnModel load(Path file) throws IOException {
        InputFiles.requireReadableFile(file, "a packed bnn4j model (.bnn)");
        try {
            return BnnModel.load(file);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "is not a usable packed model (" + Messages.rootCause(e) + ")", e);
        }
    }

    private LabeledData testData(int[] inputShape) {
        DatasetCatalog.Options d = data.applyTo(new DatasetCatalog.Options());
        d.dataset = dataset;
        d.batchSize = batch;
        d.normalization = DatasetCatalog.parseNormalization(normalize);
        d.layout = layout(inputShape, ImageDataset.fromId(dataset));
        int side = inputShape.length != 3 ? 0 : d.layout == Layout.NHWC ? inputShape[0] : inputShape[1];
        if (side == 32 && !"cifar10".equals(dataset)) {
            d.padTo = 32;
        }
        return new DatasetCatalog(d).test();
    }

    /** Channels first or last: where the model's image shape has the data set's channel count. */
    private Layout layout(int[] inputShape, ImageDataset data) {
        if (inputShape.length != 3) {
            return Layout.FLAT;
        }
        if (inputShape[0] == data.channels()) {
            return Layout.NCHW;
        }
        if (inputShape[2] == data.channels()) {
            return Layout.NHWC;
        }
        throw new IllegalArgumentException(modelFile + " takes images of shape " + java.util.Arrays.toString(inputShape)
                + " but " + data.displayName() + " has " + data.channels() + " channel" + (data.channels() == 1 ? "" : "s")
                + " (neither the first nor the last axis): check --dataset");
    }
}
