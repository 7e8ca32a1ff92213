package org.bnn4j.examples;

import org.bnn4j.examples.bench.ConvTrainingBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./bnn4j} command line: one entry point, a subcommand per job.
 *
 * <pre>
 * ./bnn4j quickstart        # the main job: train a small BinaryNet and report accuracy
 * ./bnn4j bench-conv        # training step of our native-op conv layers vs DL4J's ConvolutionLayer
 * ./bnn4j help COMMAND
 * </pre>
 */
@Command(name = "bnn4j", mixinStandardHelpOptions = true, version = "bnn4j 0.1.0-SNAPSHOT",
        description = "Binarized and ternary neural networks for Deeplearning4j.",
        subcommands = {QuickstartCommand.class, ConvTrainingBenchmark.class, CommandLine.HelpCommand.class})
public class Bnn4j implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bnn4j()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
