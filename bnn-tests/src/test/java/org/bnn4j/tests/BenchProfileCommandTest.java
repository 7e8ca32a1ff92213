package org.bnn4j.tests;

import org.bnn4j.tests.testutil.Cli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./bnn4j bench --profile MODEL}: a table of every op of a shipped model, and one clear line for a bad name. */
class BenchProfileCommandTest {

    @Test
    void profilesAShippedModelOpByOp() {
        Cli.Result r = Cli.run("bench", "--profile", "xnor-resnet20-fashion-mnist", "--quick", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("profile of xnor-resnet20-fashion-mnist (input 784 values, kernel "), out);
        assertTrue(out.contains("stem_bn") && out.contains("CONV2D") && out.contains("G MAC/s"), out);
        assertTrue(out.contains("total ") && out.contains("ms per example") && out.contains("slowest: "), out);
    }

    @Test
    void anUnknownModelIsOneLine() {
        Cli.Result r = Cli.run("bench", "--profile", "no-such-model");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.errorLine().contains("'no-such-model' is no file, no shipped model"), r.err());
    }
}
