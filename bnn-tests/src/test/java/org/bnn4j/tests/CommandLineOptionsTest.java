package org.bnn4j.tests;

import org.bnn4j.tests.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Option values out of range are rejected while the command line is parsed: one line, exit 2, no work done. */
class CommandLineOptionsTest {
    @TempDir
    Path tmp;

    /** Expects a rejection naming the option and the problem, in one line, before anything was written. */
    private void assertRejected(String option, String problem, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.code(), r.err());
        assertFalse(r.errorLine().contains("\n"), "one line: " + r.err());
        assertTrue(r.errorLine().startsWith("bnn4j " + args[0] + ": "), r.err());
        assertTrue(r.errorLine().contains(option) && r.errorLine().contains(problem), r.err());
        assertTrue(r.errorLine().endsWith("(see ./bnn4j help " + args[0] + ")"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing may be written");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "evaluate", "predict", "quickstart"})
    void negativeLimitIsRejectedRatherThanMeaningAllData(String command) {
        String model = tmp.resolve(command.equals("predict") ? "m.bnn" : "m.zip").toString();
        String[] args = switch (command) {
            case "train" -> new String[]{"train", "--model", "binarynet-mlp", "--limit", "-5", "--out", out()};
            case "quickstart" -> new String[]{"quickstart", "--limit", "-5", "--out", out()};
            default -> new String[]{command, "--model", model, "--limit", "-5"};
        };
        assertRejected("--limit", "must be at least 0, got -5", args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1"})
    void epochsBelowOneAreRejected(String epochs) {
        assertRejected("--epochs", "must be at least 1, got " + epochs,
                "train", "--model", "binarynet-mlp", "--epochs", epochs, "--out", out());
        assertRejected("--epochs", "must be at least 1, got " + epochs, "quickstart", "--epochs", epochs, "--out", out());
    }

    @Test
    void emptyValidationSplitIsRejected() {
        assertRejected("--validation", "must be at least 1, got 0",
                "train", "--model", "binarynet-mlp", "--validation", "0", "--out", out());
    }

    @Test
    void batchAndThreadsMustBePositive() {
        assertRejected("--batch", "must be at least 1, got 0", "evaluate", "--model", "m.zip", "--batch", "0");
        assertRejected("--threads", "must be at least 1, got 0", "predict", "--model", "m.bnn", "--threads", "0");
    }

    @Test
    void notANumberIsOneLineToo() {
        assertRejected("--epochs", "'many' is not a whole number",
                "train", "--model", "binarynet-mlp", "--epochs", "many", "--out", out());
    }

    @Test
    void missingRequiredOptionIsOneLine() {
        assertRejected("--model", "Missing required option", "export", "--out", out());
    }

    private String out() {
        return tmp.resolve("out").toString();
    }
}
