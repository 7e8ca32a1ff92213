package org.bnn4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on a model file the command line is about to read, so that the error names it and says what is wrong. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * @param what what the file should be, for the message, e.g. "a ModelSerializer zip"
     * @throws ModelFileException if the file does not exist, is a directory or cannot be read
     */
    public static void requireReadableFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "is a directory, expected " + what);
        }
        if (!Files.exists(file)) {
            throw new ModelFileException(file, "no such file (expected " + what + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "is not a regular file, expected " + what);
        }
        if (!Files.isReadable(file)) {
            throw new ModelFileException(file, "cannot be read: permission denied");
        }
    }
}
