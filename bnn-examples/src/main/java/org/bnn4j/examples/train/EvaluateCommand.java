package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.examples.cli.ModelFileException;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.nd4j.evaluation.classification.Evaluation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j evaluate}: the test-set evaluation of a saved model (accuracy, per-class metrics,
 * confusion matrix).
 *
 * <pre>
 * ./bnn4j evaluate --model runs/binarynet-mlp-mnist/best-model.zip --dataset mnist
 * ./bnn4j evaluate --from larq-model.h5 --dataset fashion-mnist --normalize -1-1   # a Larq/Keras model as it is
 * </pre>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved DL4J model (ModelSerializer zip) or a Keras/Larq HDF5 model on a test set.")
public class EvaluateCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** What to evaluate: a zip written by ./bnn4j train, or a Keras file imported on the fly. */
    static final class Source {
        @Option(names = "--model", required = true, description = "A ModelSerializer zip, e.g. runs/.../best-model.zip.")
        Path modelFile;

        @Option(names = "--from", required = true, description = "A Keras 2 / Larq HDF5 model (.h5), imported as it is "
                + "(images fed in its own NHWC layout).")
        Path kerasFile;
    }

    @Option(names = "--dataset", description = "mnist, fashion-mnist or cifar10 (default: the one the model was trained "
            + "on; required with --from).")
    String dataset;

    @Option(names = "--normalize", description = "--from: the pixel range the model was trained on, 0-1 or -1-1 "
            + "(default: 0-1; a --model zip records its own).")
    String normalize;

    @Mixin
    DataLocation data;

    @Option(names = "--batch", defaultValue = "500", converter = MinimumInt.Positive.class,
            description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (source.kerasFile != null) {
            return evaluateImported(source.kerasFile);
        }
        Path modelFile = source.modelFile;
        if (normalize != null) {
            throw new IllegalArgumentException("--normalize is for --from models: " + modelFile + " records the pixel "
                    + "range it was trained on");
        }
        NetworkAdapter network = NetworkAdapter.restore(modelFile.toFile());
        DataMetadata trained = DataMetadata.readFrom(modelFile.toFile()).orElseThrow(() -> new ModelFileException(
                modelFile, "has no record of its input preparation (it was not saved by ./bnn4j train)"));
        DatasetCatalog.Options d = data.applyTo(trained.toOptions());
        if (dataset != null) {
            d.dataset = dataset;
        }
        d.batchSize = batch;
        DatasetCatalog catalog = new DatasetCatalog(d);
        requireSameShape(modelFile, new DatasetCatalog(trained.toOptions()), catalog);
        LabeledData test = catalog.test();
        Evaluation evaluation;
        try {
            evaluation = network.evaluate(test.iterator(), test.classNames());
        } catch (DL4JInvalidInputException e) {
            // the recorded preparation was checked against the data, so it is the record that is wrong
            throw new ModelFileException(modelFile, "does not take the inputs its recorded preparation describes ("
                    + Messages.printable(e.getMessage()) + ")", e);
        }
        System.out.println(EvaluationReport.format(modelFile.getFileName().toString(), catalog.dataset().displayName(), evaluation, null));
        return 0;
    }

    private int evaluateImported(Path kerasFile) {
        if (dataset == null) {
            throw new IllegalArgumentException("--from needs --dataset: a Keras file does not record what it was trained on");
        }
        KerasModelFile keras = KerasModelFile.read(kerasFile);
        DatasetCatalog.Options d = data.applyTo(new DatasetCatalog.Options());
        d.dataset = dataset;
        d.batchSize = batch;
        d.layout = keras.layout();
        d.normalization = DatasetCatalog.parseNormalization(normalize != null ? normalize : "0-1");
        DatasetCatalog catalog = new DatasetCatalog(d);
        keras.requireInputOf(catalog);
        LabeledData test = catalog.test();
        Evaluation evaluation = keras.forEvaluation().evaluate(test.iterator(), test.classNames());
        System.out.println(EvaluationReport.format(kerasFile.getFileName().toString(), catalog.dataset().displayName(),
                evaluation, null));
        return 0;
    }

    /** The model's first layer fixes its input shape: data of another shape would fail deep inside DL4J. */
    private static void requireSameShape(Path modelFile, DatasetCatalog trainedOn, DatasetCatalog requested) {
        int[] expected = trainedOn.imageShape();
        int[] given = requested.imageShape();
        if (!Arrays.equals(expected, given)) {
            throw new IllegalArgumentException(modelFile + " takes " + shape(expected) + " inputs (it was trained on "
                    + trainedOn.dataset().displayName() + ") but " + requested.dataset().displayName() + " gives "
                    + shape(given) + ": evaluate it on a data set of the same shape");
        }
    }

    private static String shape(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }
}
