package org.bnn4j.zoo.data;

import java.nio.file.Path;

/**
 * A data-set file is missing, unreadable or not in the expected format. The message names the file, says what
 * is wrong with it (header field, size, label) and, for a missing file, how to get it. Nothing is loaded from a
 * file that fails a check.
 *
 * <pre>{@code
 * try {
 *     DataSetIterator train = MnistData.builder().split(Split.TRAIN).build();
 * } catch (DataFileException e) {
 *     System.err.println(e.getMessage()); // e.g. "... train-images-idx3-ubyte: truncated: header promises ..."
 * }
 * }</pre>
 */
public class DataFileException extends RuntimeException {
    private final Path file;
    private final String problem;

    public DataFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The same problem with advice on how to get a good copy of the file appended to the message. */
    public DataFileException withAdvice(String advice) {
        DataFileException e = new DataFileException(file, problem + ". " + advice, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The file (or directory) the problem is about. */
    public Path getFile() {
        return file;
    }

    /** What is wrong with the file, without its name. */
    public String getProblem() {
        return problem;
    }
}
