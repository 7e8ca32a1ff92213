package org.bnn4j.tests;

import org.bnn4j.examples.train.Checkpoint;
import org.bnn4j.tests.testutil.Cli;
import org.bnn4j.zoo.data.SyntheticFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --spark local[2]}: the files and history of local training, and one-line errors for what cannot work. */
class SparkTrainCommandTest {
    private static final int EPOCHS = 2;

    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void writeData() {
        data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 200, 20, true);
    }

    private static String[] trainArgs(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--model", "binarynet-mlp", "--width", "16", "--data-dir",
                data.toString(), "--limit", "200", "--validation", "40", "--epochs", Integer.toString(EPOCHS),
                "--batch", "20", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** The history's column {@code column} of every epoch row. */
    private static List<String> historyColumn(Path dir, int column) throws IOException {
        try (Stream<String> lines = Files.lines(dir.resolve("history.csv"))) {
            return lines.skip(1).map(l -> l.split(",")[column]).toList();
        }
    }

    @Test
    void sparkTrainingLeavesWhatLocalTrainingLeaves() throws Exception {
        Path local = tmp.resolve("local");
        assertEquals(0, Cli.run(trainArgs(local)).code());
        Path spark = tmp.resolve("spark");
        Cli.Result r = Cli.run(trainArgs(spark, "--spark", "local[2]", "--averaging-frequency", "2", "--optimizer", "bop",
                "--bop-gamma", "1e-2"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Spark local[2]: 2 workers, combining every 2 minibatches per worker"), r.out());
        assertTrue(r.out().contains("epoch 2/2  train loss"), "the per-epoch report of local training");
        for (String file : List.of("best-model.zip", "last-model.zip", Checkpoint.FILE, "history.csv", "history.png",
                "evaluation.txt")) {
            assertTrue(Files.isRegularFile(spark.resolve(file)), file);
        }
        assertEquals(EPOCHS, historyColumn(spark, 0).size(), "one history row per epoch");
        // a Spark fit(rdd) counts an epoch of its own: the schedule must still advance once per epoch
        assertEquals(historyColumn(local, 4), historyColumn(spark, 4), "learning rate per epoch");
        for (String loss : historyColumn(spark, 1)) {
            assertTrue(Double.isFinite(Double.parseDouble(loss)), "train loss " + loss);
        }
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(spark.resolve("last-model.zip").toFile(), true);
        assertEquals(EPOCHS, net.getEpochCount());
        for (float w : net.getLayer(0).getParam("W").dup().data().asFloat()) {
            assertTrue(w == 1f || w == -1f, "a Bop kernel weight is " + w + ", not ±1");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--spark loca[2]                                          | is not a Spark master URL",
            "--spark spark://head                                     | is not a Spark master URL",
            "--spark local[0]                                         | at least 1",
            "--spark-workers 2                                        | needs --spark MASTER",
            "--averaging-frequency 5                                  | needs --spark MASTER",
            "--spark local[2] --optimizer dfw --loss multiclass-hinge | not available on Spark",
            "--spark submit                                           | not started by spark-submit"})
    void badCombinationsAreOneLineWithExitCode2(String options, String problem) {
        Cli.Result r = Cli.run(trainArgs(tmp.resolve("rejected"), options.trim().split(" +")));
        assertEquals(2, r.code(), r.err());
        assertFalse(r.errorLine().contains("\n"), r.err());
        assertTrue(r.errorLine().contains(problem), r.err());
        assertFalse(Files.exists(tmp.resolve("rejected").resolve("history.csv")));
    }
}
