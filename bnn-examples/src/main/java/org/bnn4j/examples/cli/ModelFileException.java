package org.bnn4j.examples.cli;

import java.nio.file.Path;

/**
 * A model file given to the command line (a ModelSerializer zip or a packed {@code .bnn} model), or a picture to
 * classify, is missing, unreadable, damaged or inconsistent. The message names the file and says what is wrong with it, in one
 * printable line (it never quotes the file's raw bytes). The command line reports it and exits with 2.
 *
 * <pre>{@code
 * try {
 *     NetworkAdapter network = NetworkAdapter.restore(zip.toFile());
 * } catch (ModelFileException e) {
 *     System.err.println(e.getMessage()); // "runs/mlp/best-model.zip: coefficients.bin holds 27986 parameters..."
 * }
 * }</pre>
 */
public class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public ModelFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(Messages.printable(file + ": " + problem), cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file the problem is about. */
    public Path getFile() {
        return file;
    }

    /** What is wrong with the file, without its name. */
    public String getProblem() {
        return problem;
    }
}
