package org.bnn4j.tests.testutil;

import org.bnn4j.examples.Bnn4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the {@code ./bnn4j} command line in this JVM and captures what it prints. */
public final class Cli {
    private Cli() {
    }

    /** Exit code, standard output, and what the command line printed as errors. */
    public record Result(int code, String out, String err) {
        /** The error text, which for a user's mistake is one line. */
        public String errorLine() {
            return err.strip();
        }
    }

    public static Result run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Bnn4j.commandLine().setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return new Result(code, out, err.toString());
    }
}
