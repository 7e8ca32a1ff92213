package org.bnn4j.examples.deploy;

import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.examples.pretrained.PackedModelSource;
import org.bnn4j.examples.train.DataLocation;
import org.bnn4j.examples.train.DatasetCatalog;
import org.bnn4j.examples.train.LabeledData;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.data.ImageDataset;
import org.bnn4j.zoo.data.Layout;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j predict}: runs a packed model on a test set with the dependency-free runtime and prints its
 * accuracy and speed. The layout comes from the model's input shape: flat, [C, H, W] images (bnn4j's zoo) or
 * [H, W, C] ones (models imported from Keras), padded to 32x32 or not; a shipped model's data set and pixel range
 * come from its metadata.
 *
 * <pre>
 * ./bnn4j predict --model mlp.bnn --dataset mnist
 * ./bnn4j predict --pretrained xnor-resnet20-fashion-mnist
 * </pre>
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify a test set with a packed model on the bnn4j runtime; print accuracy and speed.")
public class PredictCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    PackedModelSource source;

    @Option(names = "--dataset", description = "mnist, fashion-mnist or cifar10 (default: a shipped model's own, else mnist).")
    String dataset;

    @Mixin
    DataLocation data;

    @Option(names = "--normalize", description = "Pixel range the model was trained on: 0-1 or -1-1 (default: a shipped model's own, else 0-1).")
    String normalize;

    @Option(names = "--batch", defaultValue = "256", converter = MinimumInt.Positive.class,
            description = "Examples per runtime call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "1", converter = MinimumInt.Positive.class,
            description = "Runtime worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Optional<PretrainedModel> shipped = source.metadata();
        String on = dataset != null ? dataset : shipped.map(PretrainedModel::dataset).orElse("mnist");
        String range = normalize != null ? normalize : shipped.map(m -> m.rangeMin() < 0 ? "-1-1" : "0-1").orElse("0-1");
        try (BnnModel loaded = source.load(); BnnModel model = loaded.withThreads(threads)) {
            LabeledData test = testData(model.inputShape(), on, range);
            RuntimeEvaluation r = RuntimeEvaluation.of(model, test);
            System.out.printf(Locale.ROOT, "%s on %s (runtime only, %d thread%s): accuracy %.2f%% (%,d of %,d), %.0f examples/s%n",
                    source.label(), on, threads, threads == 1 ? "" : "s", 100 * r.accuracy(), r.correct,
                    r.examples, r.examplesPerSecond());
            shipped.filter(m -> m.dataset().equals(on) && data.limit() == 0).ifPresent(m -> System.out.printf(Locale.ROOT,
                    "stated when packaged: %.2f%% (%,d of %,d)%n", 100 * m.runtimeAccuracy(), m.runtimeCorrect(), m.testExamples()));
        }
        return 0;
    }

    private LabeledData testData(int[] inputShape, String dataset, String normalize) {
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
        throw new IllegalArgumentException(source.label() + " takes images of shape " + java.util.Arrays.toString(inputShape)
                + " but " + data.displayName() + " has " + data.channels() + " channel" + (data.channels() == 1 ? "" : "s")
                + " (neither the first nor the last axis): check --dataset");
    }
}
