package org.bnn4j.tests;

import org.bnn4j.examples.train.Checkpoint;
import org.bnn4j.tests.testutil.Cli;
import org.bnn4j.zoo.data.SyntheticFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./bnn4j ablation} end to end on tiny generated MNIST files: two cells (BinaryNet's setting, and every
 * tweak flipped) x two seeds x one epoch; then a rerun that keeps finished runs and resumes or restarts the others,
 * and the one-line refusals.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the rerun, which changes the runs, comes last
class AblationCommandTest {
    private static final String BASELINE = "wclip-on_dropout-off_gclip-off";
    private static final String FLIPPED = "wclip-off_dropout-on_gclip-on";

    @TempDir
    static Path tmp;
    static Path data;
    static Path out;
    static Cli.Result first;

    private static List<String> args(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("ablation", "--out", out.toString(), "--data-dir", data.toString(),
                "--seeds", "2", "--epochs", "1", "--width", "16", "--limit", "100", "--validation", "40",
                "--batch", "25", "--cells", BASELINE + "," + FLIPPED));
        Collections.addAll(args, extra);
        return args;
    }

    private static Cli.Result run(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void runTheAblation() {
        data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 200, 20, true);
        out = tmp.resolve("ablation");
        first = run(args(out));
    }

    private static Path runDir(String cell, int seed) {
        return out.resolve(cell).resolve("seed-" + seed);
    }

    @Test
    void reportsEachCellWithItsSeedsAndWritesTheFiles() throws IOException {
        assertEquals(0, first.code(), first.err());
        for (String f : List.of("ablation.md", "ablation.csv", "ablation.png", "ablation.properties")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String md = Files.readString(out.resolve("ablation.md"));
        assertTrue(first.out().contains(md), "the table is printed too");
        List<String> rows = md.lines().filter(l -> l.startsWith("| wclip-")).toList();
        assertEquals(2, rows.size(), md);
        assertTrue(rows.get(0).startsWith("| " + BASELINE + " | on | off | off | 2 | "), rows.get(0));
        assertTrue(rows.get(1).startsWith("| " + FLIPPED + " | off | on | on | 2 | "), rows.get(1));
        assertTrue(rows.stream().allMatch(r -> r.matches(".*\\| \\[-?[0-9.]+, -?[0-9.]+\\] \\| [0-9.]+ \\|")), md);

        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"));
        assertEquals(3, csv.size(), "header and one row per cell");
        assertTrue(csv.get(1).startsWith(BASELINE + ",on,off,off,2,"), csv.get(1));
        assertEquals(2, csv.get(2).substring(csv.get(2).lastIndexOf(',') + 1).split(";").length, "a peak per seed");
    }

    @Test
    void eachRunIsATrainRunWithItsCellsOptionsAndItsSeed() {
        for (int seed : new int[]{1, 2}) {
            List<String> baseline = Checkpoint.readRecord(runDir(BASELINE, seed)).run().args;
            List<String> flipped = Checkpoint.readRecord(runDir(FLIPPED, seed)).run().args;
            for (List<String> a : List.of(baseline, flipped)) {
                assertEquals(Integer.toString(seed), valueOf(a, "--seed"), a.toString());
                assertEquals("binarynet-mlp", valueOf(a, "--model"));
                assertEquals("16", valueOf(a, "--width"));
            }
            assertFalse(baseline.contains("--no-weight-clip"), baseline.toString());
            assertNull(valueOf(baseline, "--dropout-input"));
            assertNull(valueOf(baseline, "--clip-gradients"));
            assertTrue(flipped.contains("--no-weight-clip"), flipped.toString());
            assertEquals("0.2", valueOf(flipped, "--dropout-input"));
            assertEquals("0.5", valueOf(flipped, "--dropout-hidden"));
            assertEquals("1.0", valueOf(flipped, "--clip-gradients"));
        }
    }

    private static String valueOf(List<String> args, String option) {
        int i = args.indexOf(option);
        return i < 0 ? null : args.get(i + 1);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void rerunKeepsFinishedRunsResumesCheckpointedOnesAndStartsMissingOnes() throws IOException {
        assertEquals(0, first.code(), first.err());
        Path kept1 = runDir(BASELINE, 1).resolve("evaluation.txt");
        Path kept2 = runDir(FLIPPED, 2).resolve("evaluation.txt");
        FileTime kept1Time = Files.getLastModifiedTime(kept1);
        FileTime kept2Time = Files.getLastModifiedTime(kept2);
        Path resumed = runDir(FLIPPED, 1);
        FileTime checkpointTime = Files.getLastModifiedTime(resumed.resolve(Checkpoint.FILE));
        String resumedHistory = Files.readString(resumed.resolve("history.csv"));
        Files.delete(resumed.resolve("evaluation.txt")); // as if killed while testing: the checkpoint has every epoch
        Path restarted = runDir(BASELINE, 2);
        deleteTree(restarted); // as if killed before its first checkpoint

        Cli.Result again = run(args(out));
        assertEquals(0, again.code(), again.err());
        assertEquals(2, count(again.out(), "finished earlier, kept"), again.out());
        assertEquals(1, count(again.out(), "resuming from its checkpoint"), again.out());
        assertEquals(1, count(again.out(), ": training"), again.out());
        assertEquals(kept1Time, Files.getLastModifiedTime(kept1), "finished runs are not retrained");
        assertEquals(kept2Time, Files.getLastModifiedTime(kept2));
        assertTrue(Files.exists(resumed.resolve("evaluation.txt")));
        assertEquals(checkpointTime, Files.getLastModifiedTime(resumed.resolve(Checkpoint.FILE)),
                "resumed after its last epoch: no epoch trained again");
        assertEquals(resumedHistory, Files.readString(resumed.resolve("history.csv")));
        assertTrue(Files.exists(restarted.resolve("evaluation.txt")));
        assertTrue(Files.readString(out.resolve("ablation.md")).contains("| " + BASELINE + " | on | off | off | 2 | "));
    }

    private static int count(String text, String what) {
        return (int) text.lines().filter(l -> l.contains(what)).count();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void anOutHoldingAnAblationWithOtherOptionsIsRefused() throws IOException {
        Path other = tmp.resolve("other");
        Path empty = Files.createDirectories(tmp.resolve("no-data"));
        // the first run fails for want of data, after the ablation's options are recorded
        List<String> noData = args(other);
        noData.set(noData.indexOf("--data-dir") + 1, empty.toString());
        Cli.Result failed = run(noData);
        assertEquals(2, failed.code(), failed.err());
        assertTrue(Files.exists(other.resolve("ablation.properties")));

        List<String> otherEpochs = args(other);
        otherEpochs.set(otherEpochs.indexOf("--epochs") + 1, "3");
        Cli.Result refused = run(otherEpochs);
        assertEquals(2, refused.code(), refused.err());
        assertEquals(1, refused.errorLine().lines().count(), refused.err());
        assertTrue(refused.errorLine().startsWith("bnn4j ablation: --out " + other + " holds an ablation made with"
                + " other options (--epochs 1 there, 3 now"), refused.err());
        assertFalse(Files.exists(other.resolve(BASELINE)), "no run started");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--seeds|0|--seeds|must be at least 1, got 0",
            "--epochs|x|--epochs|'x' is not a whole number",
            "--dropout-input|1.5|--dropout-input|must be in [0, 1), got 1.5",
            "--clip-gradients|0|--clip-gradients|must be positive, got 0.0",
            "--lr|-1|--lr|must be positive, got -1.0",
            "--cells|wclip-on|--cells|'wclip-on' is not a cell"})
    void badOptionsAreOneLineAndExitCodeTwo(String option, String value, String named, String problem) {
        Path nowhere = tmp.resolve("bad-" + option.substring(2));
        Cli.Result r = Cli.run("ablation", "--out", nowhere.toString(), option, value);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errorLine().lines().count(), r.err());
        assertTrue(r.errorLine().startsWith("bnn4j ablation: "), r.err());
        assertTrue(r.errorLine().contains(named) && r.errorLine().contains(problem), r.err());
        assertFalse(Files.exists(nowhere), "nothing written");
    }

    @Test
    void outIsRequired() {
        Cli.Result r = Cli.run("ablation");
        assertEquals(2, r.code());
        assertTrue(r.errorLine().contains("Missing required option: '--out=<out>'"), r.err());
    }
}
