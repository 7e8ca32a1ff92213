package org.bnn4j.examples.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Error text the command line prints: always one printable line, and file-system errors that say what is wrong. */
public final class Messages {
    /** Longer text is cut: a message quoting a damaged file must not flood the terminal. */
    static final int MAX_LENGTH = 1000;

    private Messages() {
    }

    /**
     * {@code text} as one printable line: control characters (NULs and line breaks from a quoted file
     * included) become {@code ?}, runs of whitespace one space, and at most {@value #MAX_LENGTH} characters.
     */
    public static String printable(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 3));
        int i = 0;
        for (; i < text.length() && sb.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ' ') {
                    sb.append(' ');
                }
            } else {
                sb.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        if (i < text.length()) {
            sb.append("...");
        }
        return sb.toString().trim();
    }

    /**
     * What went wrong, for a user: the file and the problem for file-system errors (whose own message is often
     * only the path, e.g. {@code NoSuchFileException: /x/model.bnn}), else the exception's message.
     */
    public static String describe(Throwable e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String reason = f instanceof NoSuchFileException ? "no such file or directory"
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof FileAlreadyExistsException ? "already exists"
                    : f instanceof NotDirectoryException ? "not a directory"
                    : f instanceof DirectoryNotEmptyException ? "directory not empty"
                    : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            String other = f.getOtherFile() != null ? " (and " + f.getOtherFile() + ")" : "";
            return printable(f.getFile() + other + ": " + reason);
        }
        String message = e.getMessage();
        return printable(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }

    /** The innermost cause's description: libraries wrap exceptions in others that repeat or bury it. */
    public static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return describe(root);
    }
}
