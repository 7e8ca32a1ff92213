package org.bnn4j.examples.deploy;

import org.bnn4j.examples.cli.OutputLocations;
import org.bnn4j.examples.train.DataMetadata;
import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.export.BnnSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j export}: turns a trained model (ModelSerializer zip) into a packed {@code .bnn} file for the
 * dependency-free runtime, and prints its summary: per layer, parameters by precision, float32 vs packed size and
 * binary vs float multiply-accumulates.
 *
 * <pre>
 * ./bnn4j export --model runs/binarynet-mlp-mnist/best-model.zip --out mlp.bnn
 * </pre>
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export a trained model to the packed bit format and print its summary.")
public class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "A ModelSerializer zip, e.g. runs/.../best-model.zip.")
    Path modelFile;

    @Option(names = "--out", required = true, description = "The packed model file to write, e.g. model.bnn.")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputLocations.requireWritableFile(out, "--out", modelFile, "--model");
        NetworkAdapter network = NetworkAdapter.restore(modelFile.toFile());
        BnnSummary summary = ModelExport.export(network, DataMetadata.readFrom(modelFile.toFile()), out);
        System.out.println(summary);
        System.out.printf(Locale.ROOT, "Wrote %s: %,d bytes (ModelSerializer zip: %,d bytes; float32 parameters: %,d bytes)%n",
                out, Files.size(out), Files.size(modelFile), summary.float32Bytes());
        return 0;
    }
}
