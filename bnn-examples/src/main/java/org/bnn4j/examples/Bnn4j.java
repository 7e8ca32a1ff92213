package org.bnn4j.examples;

import org.bnn4j.examples.bench.BenchCommand;
import org.bnn4j.examples.deploy.ExportCommand;
import org.bnn4j.examples.deploy.ImportCommand;
import org.bnn4j.examples.deploy.PredictCommand;
import org.bnn4j.examples.train.EvaluateCommand;
import org.bnn4j.examples.train.TrainCommand;
import org.bnn4j.zoo.data.DataFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./bnn4j} command line: one entry point, a subcommand per job.
 *
 * <pre>
 * ./bnn4j quickstart        # the main job: train a small BinaryNet and report accuracy
 * ./bnn4j bench             # runtime and layers vs DL4J, side by side (--quick, --only mlp,resnet,...)
 * ./bnn4j help COMMAND
 * </pre>
 */
@Command(name = "bnn4j", mixinStandardHelpOptions = true, version = "bnn4j 0.1.0-SNAPSHOT",
        description = "Binarized and ternary neural networks for Deeplearning4j.",
        subcommands = {QuickstartCommand.class, TrainCommand.class, EvaluateCommand.class,
                ExportCommand.class, ImportCommand.class, PredictCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public class Bnn4j implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with bnn4j's error handling: a user's mistake (bad option value, missing or corrupt
     * file) prints one clear line and exits with 2; anything else prints its stack trace and exits with 1.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Bnn4j());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof java.io.IOException || e instanceof DataFileException
                    || e instanceof java.io.UncheckedIOException) {
                commandLine.getErr().println("bnn4j " + commandLine.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
