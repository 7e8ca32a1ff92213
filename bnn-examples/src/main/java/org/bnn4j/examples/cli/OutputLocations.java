package org.bnn4j.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a command starts its work, that it will be able to write its results: a training run must not
 * find out after an hour that its output directory cannot be written, and an export must not overwrite the
 * model it reads.
 */
public final class OutputLocations {
    private OutputLocations() {
    }

    /**
     * Checks that the directory exists and can be written, or can be created: its nearest existing ancestor is a
     * directory that can be written. Creates nothing, so a command that fails later leaves no empty directory.
     *
     * @param option the command-line option that named it, for the message
     * @throws IllegalArgumentException saying what is wrong with which directory
     */
    public static void requireWritableDirectory(Path dir, String option) {
        String named = option + " " + dir;
        Path existing = dir.toAbsolutePath().normalize();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(named + ": " + (existing.equals(dir.toAbsolutePath().normalize())
                    ? "exists and is not a directory" : "cannot be created: " + existing + " is not a directory"));
        }
        probeWrite(existing, named);
    }

    /**
     * Checks that {@code file} can be written: not a directory, in an existing writable directory, and not the
     * same file as {@code input} (the command would destroy what it reads).
     *
     * @param option the command-line option that named it, for the message
     * @throws IllegalArgumentException saying what is wrong with which file
     */
    public static void requireWritableFile(Path file, String option, Path input, String inputOption) {
        String named = option + " " + file;
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(named + ": is a directory; give the file to write, e.g. "
                    + file.resolve("model.bnn"));
        }
        if (isSameFile(file, input)) {
            throw new IllegalArgumentException(named + ": is the file " + inputOption + " reads (" + input
                    + "); writing it would destroy the model: choose another " + option);
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(named + ": directory " + dir
                    + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        probeWrite(dir, named);
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            // same inode through symbolic and hard links alike, not just the same spelling
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writing a file is the only reliable test (permissions, read-only mounts, quotas on some systems). */
    private static void probeWrite(Path dir, String named) {
        try {
            Files.delete(Files.createTempFile(dir, ".bnn4j-write-check", ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException(named + ": cannot write files in " + dir + " ("
                    + Messages.describe(e) + ")");
        }
    }
}
