package org.bnn4j.tests;

import org.bnn4j.examples.Bnn4j;
import org.bnn4j.examples.train.Checkpoint;
import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.tests.testutil.Cli;
import org.bnn4j.tests.testutil.ZipEntries;
import org.bnn4j.zoo.data.SyntheticFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code train --resume}: a run killed with SIGKILL in the middle of an epoch, then resumed, ends exactly where an
 * uninterrupted run with the same seed ends (history and parameters, bit for bit: the data order, dropout draws
 * and updater state are all restored, and ND4J's CPU arithmetic is deterministic for a fixed thread count).
 */
class TrainResumeTest {
    private static final int EPOCHS = 2;

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void writeData() {
        data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 200, 20, true);
    }

    private static String[] trainArgs(Path out, String optimizer) {
        List<String> args = new ArrayList<>(List.of("train", "--model", "binarynet-mlp", "--width", "16",
                "--data-dir", data.toString(), "--limit", "200", "--validation", "40", "--epochs", Integer.toString(EPOCHS),
                "--batch", "20", "--checkpoint-every", "2", "--out", out.toString(), "--optimizer", optimizer));
        if (optimizer.equals("dfw")) { // its momentum lives outside DL4J's updater: the checkpoint must carry it too
            args.addAll(List.of("--loss", "multiclass-hinge", "--momentum", "0.9", "--eta", "0.1"));
        }
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "dfw"})
    void aRunKilledMidEpochAndResumedEndsLikeAnUninterruptedOne(String optimizer) throws Exception {
        Path whole = tmp.resolve("whole-" + optimizer);
        assertEquals(0, Cli.run(trainArgs(whole, optimizer)).code());

        Path killed = tmp.resolve("killed-" + optimizer);
        Process child = childJvm(trainArgs(killed, optimizer));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Checkpoint.exists(killed) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertTrue(child.isAlive(), "the child finished before it could be killed");
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no finally block runs
        } finally {
            child.destroyForcibly();
        }
        Checkpoint at = Checkpoint.read(killed);
        System.out.printf("killed after epoch %d + %d minibatches%n", at.state.epochsDone, at.state.batchesDone);
        assertTrue(at.state.epochsDone < EPOCHS);

        Cli.Result resumed = Cli.run("train", "--resume", killed.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(withoutSeconds(whole.resolve("history.csv")), withoutSeconds(killed.resolve("history.csv")));
        assertEquals(EPOCHS + 1, Files.readAllLines(killed.resolve("history.csv")).size(), "header and one row per epoch");
        MultiLayerNetwork a = ModelSerializer.restoreMultiLayerNetwork(whole.resolve("last-model.zip").toFile(), true);
        MultiLayerNetwork b = ModelSerializer.restoreMultiLayerNetwork(killed.resolve("last-model.zip").toFile(), true);
        assertEquals(a.params(), b.params(), "final parameters");
        assertEquals(a.getUpdater().getStateViewArray(), b.getUpdater().getStateViewArray(), "final Adam moments");
        assertEquals(a.getIterationCount(), b.getIterationCount());
        assertEquals(a.getEpochCount(), b.getEpochCount());
    }

    @Test
    void aDamagedDeepFrankWolfeMomentumIsRefusedNotHalfLoaded() throws IOException {
        Path run = tmp.resolve("dfw-damaged");
        String[] args = trainArgs(run, "dfw");
        args[Stream.of(args).toList().indexOf("--epochs") + 1] = "1";
        assertEquals(0, Cli.run(args).code());
        Path file = run.resolve(Checkpoint.FILE);
        assertFalse(Checkpoint.read(run).dfwMomentum.isEmpty(), "a DFW checkpoint carries its momentum");
        byte[] entry = ZipEntries.read(file).get("bnn4j-dfw-momentum.bin");
        byte[] longer = java.util.Arrays.copyOf(entry, entry.length + 3);
        byte[] badMagic = entry.clone();
        badMagic[0] ^= 1;
        List<byte[]> damaged = new ArrayList<>(List.of(longer, badMagic));
        for (int cut : new int[]{0, 3, 11, 12, 20, entry.length / 2, entry.length - 1}) {
            damaged.add(java.util.Arrays.copyOf(entry, cut));
        }
        for (byte[] bad : damaged) {
            Path copy = tmp.resolve("dfw-copy");
            Files.createDirectories(copy);
            ZipEntries.withEntry(file, "bnn4j-dfw-momentum.bin", bad, copy.resolve(Checkpoint.FILE));
            ModelFileException e = assertThrows(ModelFileException.class, () -> Checkpoint.read(copy), bad.length + " bytes");
            assertTrue(e.getMessage().contains("Deep Frank-Wolfe momentum"), e.getMessage());
        }
    }

    @Test
    void resumingWhatCannotBeResumedIsOneLineAndExitCodeTwo() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertRefused(empty, "holds no checkpoint to resume");

        Path run = tmp.resolve("short");
        String[] args = trainArgs(run, "adam");
        args[Stream.of(args).toList().indexOf("--epochs") + 1] = "1";
        assertEquals(0, Cli.run(args).code());
        Cli.Result other = Cli.run("train", "--resume", run.toString(), "--width", "32");
        assertEquals(2, other.code());
        assertTrue(other.errorLine().contains("holds a checkpoint of a different model"), other.err());
        assertEquals(1, other.errorLine().lines().count());

        Path checkpoint = run.resolve(Checkpoint.FILE);
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(run, Checkpoint.FILE);
        Files.copy(run.resolve("best-model.zip"), checkpoint, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRefused(run, "not a training checkpoint");
    }

    private static void assertRefused(Path dir, String expected) {
        Cli.Result r = Cli.run("train", "--resume", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errorLine().lines().count(), r.err());
        assertTrue(r.errorLine().contains(expected), r.err());
    }

    /** history.csv without its wall-time column, the only one that may differ. */
    private static List<String> withoutSeconds(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).collect(Collectors.toList());
    }

    /** {@code ./bnn4j args} in a new JVM with this one's class path and memory settings. */
    private static Process childJvm(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-Xmx") || option.startsWith("-Dorg.bytedeco") || option.startsWith("--add-")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Bnn4j.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(tmp.toFile(), "child.log")).start();
    }
}
