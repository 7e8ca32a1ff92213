package org.bnn4j.examples.train;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code train --from model.h5}: the options that shape a zoo model have no meaning for an imported one, so giving
 * them is refused (rather than silently ignored) before the file is read.
 */
final class ImportedModelOptions {
    /** Options that build a zoo model: an imported model's architecture comes from its file. */
    static final List<String> ZOO_ONLY = List.of("--full-precision", "--width", "--hidden-layers", "--dropout-input",
            "--dropout-hidden", "--binarized-bias", "--clip-gradients");

    private ImportedModelOptions() {
    }

    /** The imported model, after checking that no zoo-only option was given. */
    static KerasModelFile check(CommandSpec spec, Path from) {
        for (String option : ZOO_ONLY) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " shapes a zoo --model; a --from model keeps "
                        + "the architecture of its file");
            }
        }
        return KerasModelFile.read(from);
    }
}
