package org.bnn4j.examples;

import org.bnn4j.examples.ablation.AblationCommand;
import org.bnn4j.examples.bench.BenchCommand;
import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.examples.deploy.ExportCommand;
import org.bnn4j.examples.deploy.ImportCommand;
import org.bnn4j.examples.deploy.PredictCommand;
import org.bnn4j.examples.pretrained.ClassifyCommand;
import org.bnn4j.examples.pretrained.ListCommand;
import org.bnn4j.examples.pretrained.PackagePretrainedCommand;
import org.bnn4j.examples.train.EvaluateCommand;
import org.bnn4j.examples.train.TrainCommand;
import org.bnn4j.pretrained.PretrainedModelException;
import org.bnn4j.zoo.data.DataFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code ./bnn4j} command line: one entry point, a subcommand per job.
 *
 * <pre>
 * ./bnn4j quickstart        # the main job: train a small BinaryNet and report accuracy
 * ./bnn4j ablation --out runs/ablation   # BinaryNet's tweaks (weight clip x dropout x grad clip) over seeds
 * ./bnn4j bench             # runtime and layers vs DL4J, side by side (--quick, --only mlp,resnet,...)
 * ./bnn4j list              # the shipped pretrained models
 * ./bnn4j classify --pretrained xnor-resnet20-fashion-mnist shoe.png
 * ./bnn4j help COMMAND
 * </pre>
 */
@Command(name = "bnn4j", mixinStandardHelpOptions = true, version = "bnn4j 0.1.0-SNAPSHOT",
        description = "Binarized and ternary neural networks for Deeplearning4j.",
        subcommands = {QuickstartCommand.class, TrainCommand.class, AblationCommand.class, EvaluateCommand.class,
                ExportCommand.class, ImportCommand.class, PredictCommand.class, ListCommand.class, ClassifyCommand.class,
                PackagePretrainedCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public class Bnn4j implements Runnable {
    /** Exit code of a user's mistake (picocli's code for invalid input). */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with bnn4j's error handling: a user's mistake prints one clear, printable line and exits
     * with 2. Mistakes are a bad option value (rejected while parsing, before any work starts), a missing,
     * unreadable or corrupt file ({@link DataFileException} for data sets, {@link ModelFileException} and
     * {@link org.bnn4j.runtime.BnnFormatException} for models, {@link PretrainedModelException} for shipped models,
     * any {@link IOException}), an output that cannot
     * be written and other bad arguments ({@link IllegalArgumentException}). Anything else is a bug: it prints
     * its stack trace and exits with 1.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Bnn4j());
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine command = e.getCommandLine();
            String help = command.getCommandSpec().parent() == null ? "./bnn4j --help"
                    : "./bnn4j help " + command.getCommandName();
            command.getErr().println(prefix(command) + Messages.printable(e.getMessage()) + " (see " + help + ")");
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (isUsersMistake(e)) {
                commandLine.getErr().println(prefix(commandLine) + Messages.describe(e));
                return USER_ERROR;
            }
            throw e;
        });
        return cl;
    }

    private static boolean isUsersMistake(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof DataFileException || e instanceof ModelFileException || e instanceof PretrainedModelException;
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + ": ";
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
