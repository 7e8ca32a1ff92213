package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.ModelFileException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./bnn4j train --resume DIR}: the run's own command line, read from its checkpoint, with any option given
 * beside {@code --resume} taking precedence, continued from the checkpoint's position.
 *
 * <pre>
 * ./bnn4j train --model binarynet-mlp --epochs 20 --out runs/mlp    # killed in epoch 7
 * ./bnn4j train --resume runs/mlp                                    # epochs 7 to 20, same history as without the kill
 * </pre>
 */
final class ResumedRun {
    private ResumedRun() {
    }

    /** The train command to run: the checkpoint's arguments, then {@code given} ones, writing to {@code dir}. */
    static TrainCommand command(Path dir, List<String> given) {
        Checkpoint checkpoint = Checkpoint.read(dir);
        List<String> args = new ArrayList<>(checkpoint.run.args);
        args.addAll(withoutResume(given));
        TrainCommand command = new TrainCommand();
        new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(args.toArray(String[]::new));
        command.out = dir;
        command.resumed = checkpoint;
        return command;
    }

    /** The checkpoint's network, if the options build the same configuration as the run that wrote it. */
    static NetworkAdapter network(Checkpoint checkpoint, Checkpoint.Run now) {
        if (!checkpoint.run.signature.equals(now.signature)) {
            throw new ModelFileException(checkpoint.file, "holds a checkpoint of a different model or training options"
                    + " (it was started with: " + String.join(" ", checkpoint.run.args) + ")");
        }
        return checkpoint.network;
    }

    /** This command's own arguments: the command line after the subcommand's name, if it was run as one. */
    static List<String> ownArgs(CommandSpec spec) {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        int name = spec.parent() == null ? -1 : all.indexOf(spec.name());
        return all.subList(name + 1, all.size());
    }

    /** {@code args} without {@code --resume DIR} / {@code --resume=DIR}. */
    static List<String> withoutResume(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--resume")) {
                i++;
            } else if (!a.startsWith("--resume=")) {
                kept.add(a);
            }
        }
        return kept;
    }
}
