package org.bnn4j.examples.pretrained;

import org.bnn4j.examples.cli.InputFiles;
import org.bnn4j.examples.cli.Messages;
import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.pretrained.PretrainedModels;
import org.bnn4j.runtime.BnnModel;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command-line choice of a packed model, a file or a shipped one, for commands that run the runtime:
 * {@code @ArgGroup(exclusive = true, multiplicity = "1") PackedModelSource source;}
 *
 * <pre>
 * ./bnn4j predict --model mlp.bnn --dataset mnist
 * ./bnn4j predict --pretrained binarynet-mlp-mnist
 * </pre>
 */
public final class PackedModelSource {
    @Option(names = "--model", description = "A packed model file (.bnn).")
    Path file;

    @Option(names = "--pretrained", description = "A shipped pretrained model, by name (see ./bnn4j list).")
    String pretrained;

    /** The shipped model's metadata, or empty for a file (a packed file carries none). */
    public Optional<PretrainedModel> metadata() {
        return pretrained == null ? Optional.empty() : Optional.of(PretrainedModels.get(pretrained));
    }

    /** The name to print: the file's name or the shipped model's. */
    public String label() {
        return pretrained != null ? pretrained : file.getFileName().toString();
    }

    /**
     * Loads the model; every failure names the file or the shipped model.
     *
     * @throws ModelFileException for a missing or invalid file
     * @throws org.bnn4j.pretrained.PretrainedModelException for an unknown or damaged shipped model
     */
    public BnnModel load() throws IOException {
        return pretrained != null ? PretrainedModels.load(pretrained) : loadFile(file);
    }

    /** Loads a packed model file so that every failure names it (the runtime reports bad content itself). */
    public static BnnModel loadFile(Path file) throws IOException {
        InputFiles.requireReadableFile(file, "a packed bnn4j model (.bnn)");
        try {
            return BnnModel.load(file);
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "is not a usable packed model (" + Messages.rootCause(e) + ")", e);
        }
    }
}
