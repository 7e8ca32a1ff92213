package org.bnn4j.examples.deploy;

import org.bnn4j.examples.cli.OutputLocations;
import org.bnn4j.export.BnnExporter;
import org.bnn4j.export.BnnSummary;
import org.bnn4j.keras.BnnKerasImport;
import org.bnn4j.runtime.BnnModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j import}: imports a model trained with Larq (a Keras 2 HDF5 file) into bnn4j's layers, packs it
 * for the runtime and prints the packed model's summary. The packed model takes the Keras model's own input
 * (NHWC pixels for images).
 *
 * <pre>
 * ./bnn4j import --keras model.h5 --out model.bnn
 * </pre>
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Import a Larq/Keras 2 HDF5 model, export it to the packed bit format and print its summary.")
public class ImportCommand implements Callable<Integer> {

    @Option(names = "--keras", required = true, description = "A Keras 2 HDF5 model saved by Larq, e.g. model.h5.")
    Path kerasFile;

    @Option(names = "--out", required = true, description = "The packed model file to write, e.g. model.bnn.")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputLocations.requireWritableFile(out, "--out", kerasFile, "--keras"); // before any work, as export does
        ComputationGraph graph = BnnKerasImport.importModelAndWeights(kerasFile);
        BnnSummary summary = BnnExporter.export(graph, out);
        System.out.println(summary);
        try (BnnModel model = BnnModel.load(out)) {
            System.out.printf(Locale.ROOT, "Wrote %s: %,d bytes (Keras file: %,d bytes); input %s, output %s%n", out,
                    Files.size(out), Files.size(kerasFile), Arrays.toString(model.inputShape()),
                    Arrays.toString(model.outputShape()));
        }
        return 0;
    }
}
