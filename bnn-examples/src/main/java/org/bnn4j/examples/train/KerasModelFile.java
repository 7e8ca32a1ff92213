package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.InputFiles;
import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.importer.NetworkImporter;
import org.bnn4j.keras.BnnKerasImport;
import org.bnn4j.keras.FineTuning;
import org.bnn4j.zoo.OutputLoss;
import org.bnn4j.zoo.data.Layout;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A Keras/Larq model given to {@code train} or {@code evaluate} with {@code --from model.h5}: imported into bnn4j's
 * layers, fed in its own input layout (NHWC for images, as Keras takes them), checked against the data set's shape
 * before any example is read.
 *
 * <pre>
 * ./bnn4j evaluate --from larq-model.h5 --dataset mnist
 * ./bnn4j train --from larq-model.h5 --dataset mnist --epochs 2 --lr 1e-3
 * </pre>
 */
public final class KerasModelFile {
    private final Path file;
    private final ComputationGraph graph;
    private final InputType input;

    private KerasModelFile(Path file, ComputationGraph graph) {
        this.file = file;
        this.graph = graph;
        try {
            this.input = NetworkImporter.inferInputType(graph);
        } catch (BnnExportException e) {
            throw new IllegalArgumentException(file + ": the command line feeds models with one image or vector input ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Imports the file (a clear error naming the file, layer and field when it cannot). */
    public static KerasModelFile read(Path file) {
        InputFiles.requireReadableFile(file, "a Keras 2 HDF5 model (.h5)");
        return new KerasModelFile(file, BnnKerasImport.importModelAndWeights(file));
    }

    /** The file name without its extension: the run's default name. */
    public String name() {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** NHWC for an image input, FLAT for a vector input. */
    public Layout layout() {
        if (input instanceof InputType.InputTypeConvolutional c) {
            return c.getFormat() == CNN2DFormat.NHWC ? Layout.NHWC : Layout.NCHW;
        }
        if (input instanceof InputType.InputTypeFeedForward) {
            return Layout.FLAT;
        }
        throw new IllegalArgumentException(file + ": takes " + input + "; the command line feeds images or vectors");
    }

    /** Throws a one-line error when the data set's {channels, height, width} is not what the model takes. */
    public void requireInputOf(DatasetCatalog data) {
        int[] chw = data.imageShape();
        boolean fits = input instanceof InputType.InputTypeConvolutional c
                ? c.getChannels() == chw[0] && c.getHeight() == chw[1] && c.getWidth() == chw[2]
                : input.arrayElementsPerExample() == (long) chw[0] * chw[1] * chw[2];
        if (!fits) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s takes %s but %s gives %dx%dx%d images "
                    + "(channels x height x width)%s", file, describe(input), data.dataset().displayName(), chw[0],
                    chw[1], chw[2], chw[1] < 32 ? "; --pad32 pads them to 32x32" : ""));
        }
    }

    /** The imported network as it is, for evaluation. */
    public NetworkAdapter forEvaluation() {
        return new NetworkAdapter(graph);
    }

    /** The imported network with a loss layer and {@code updater}, for fine-tuning (see {@link FineTuning}). */
    public NetworkAdapter forTraining(OutputLoss loss, IUpdater updater, long seed) {
        try {
            return new NetworkAdapter(FineTuning.withLoss(graph, loss.lossFunction(), updater, seed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String describe(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) {
            return c.getHeight() + "x" + c.getWidth() + "x" + c.getChannels() + " images (height x width x channels)";
        }
        return Arrays.toString(t.getShape(false)) + " vectors (" + t.arrayElementsPerExample() + " values)";
    }
}
