package org.bnn4j.nn.testutil;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on how bad configurations fail. */
public final class Failures {
    private Failures() {
    }

    /** The call fails, and its message (or a cause's) names every one of {@code words}. */
    public static void assertFailsNaming(Executable e, String... words) {
        Exception ex = assertThrows(Exception.class, e);
        String message = ex.getMessage();
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) message += " / " + cause.getMessage();
        for (String word : words) assertTrue(message.contains(word), "'" + word + "' missing from: " + message);
    }
}
