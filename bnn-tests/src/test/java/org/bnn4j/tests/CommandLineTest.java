package org.bnn4j.tests;

import org.bnn4j.examples.Bnn4j;
import org.bnn4j.zoo.data.SyntheticFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** ./bnn4j train and evaluate, end to end on small data-set files in the real formats. */
class CommandLineTest {

    /** Runs the command line, returning exit code, standard output and standard error. */
    private static String[] run(String... args) {
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
        return new String[]{Integer.toString(code), out, err.toString()};
    }

    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file).get(0);
    }

    private static String[] trainMlp(Path tmp, String name, String... extra) {
        Path data = tmp.resolve("data");
        if (!Files.exists(data)) {
            SyntheticFiles.writeIdxSet(data.resolve("mnist"), 200, 60, true);
        }
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", "binarynet-mlp", "--dataset", "mnist",
                "--data-dir", data.toString(), "--epochs", "1", "--batch", "50", "--width", "16", "--hidden-layers", "1",
                "--validation", "50", "--out", tmp.resolve(name).toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    @Test
    void trainsWithDeepFrankWolfeAndWithBopAndTheBinaryNetTweaks(@TempDir Path tmp) throws IOException {
        String[] dfw = trainMlp(tmp, "dfw", "--optimizer", "dfw", "--loss", "multiclass-hinge", "--eta", "0.1",
                "--weight-decay", "1e-4");
        assertEquals("0", dfw[0], dfw[2]);
        assertTrue(firstLine(tmp.resolve("dfw").resolve("evaluation.txt")).contains("test accuracy"));
        String[] bop = trainMlp(tmp, "bop", "--optimizer", "bop", "--bop-gamma", "1e-3", "--binarized-bias",
                "--clip-gradients", "1", "--rotate", "10", "--intensity-jitter", "0.2");
        assertEquals("0", bop[0], bop[2]);
        String[] nesterov = trainMlp(tmp, "nesterov", "--optimizer", "nesterov", "--lr", "0.05", "--momentum", "0.8");
        assertEquals("0", nesterov[0], nesterov[2]);
    }

    @Test
    void impossibleTrainingMethodsGiveOneClearLine(@TempDir Path tmp) {
        String[][] cases = {
                {"dfw", "--optimizer", "dfw"},                                          // softmax loss
                {"hinge", "--optimizer", "bop", "--full-precision"},
                {"wd", "--optimizer", "adam", "--weight-decay", "1e-4"},
                {"clip", "--optimizer", "dfw", "--loss", "multiclass-hinge", "--clip-gradients", "1"},
                {"unknown", "--optimizer", "lbfgs"},
                {"loss", "--loss", "hinge"},
        };
        String[] expected = {"hinge loss", "full-precision", "Deep Frank-Wolfe", "clip-gradients", "adam, sgd", "multiclass-hinge"};
        for (int i = 0; i < cases.length; i++) {
            String[] r = trainMlp(tmp, cases[i][0], java.util.Arrays.copyOfRange(cases[i], 1, cases[i].length));
            assertEquals("2", r[0], String.join(" ", cases[i]) + ": " + r[2]);
            assertTrue(r[2].contains(expected[i]) && r[2].strip().lines().count() == 1, r[2]);
        }
    }

    @Test
    void trainsBinaryNetThenEvaluatesTheSavedModel(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 300, 120, true);
        Path out = tmp.resolve("run");
        String[] r = run("train", "--model", "binarynet-mlp", "--dataset", "mnist", "--data-dir", data.toString(),
                "--epochs", "2", "--batch", "50", "--width", "32", "--validation", "60", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        for (String f : new String[]{"best-model.zip", "last-model.zip", "history.csv", "history.png", "evaluation.txt"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("history.csv"));
        assertEquals(3, csv.size(), "header and one row per epoch");
        assertTrue(csv.get(0).startsWith("epoch,train_loss,validation_loss,validation_accuracy"));
        String headline = firstLine(out.resolve("evaluation.txt"));
        assertTrue(headline.matches("binarynet-mlp-mnist on MNIST: test accuracy \\d+\\.\\d\\d% \\(120 examples\\)"), headline);
        assertTrue(Files.readString(out.resolve("evaluation.txt")).contains("Confusion Matrix"));

        String[] e = run("evaluate", "--model", out.resolve("best-model.zip").toString(), "--data-dir", data.toString());
        assertEquals("0", e[0], e[2]);
        String accuracy = headline.substring(headline.indexOf("test accuracy"));
        assertTrue(e[1].contains(accuracy), "evaluate must reproduce the training run's test accuracy: " + accuracy);
    }

    @Test
    void exportsAndPredictsWithTheRuntimeAlone(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("fashion-mnist"), 200, 100, false);
        Path out = tmp.resolve("run");
        String[] train = run("train", "--model", "xnor-resnet20", "--dataset", "fashion-mnist", "--data-dir", data.toString(),
                "--epochs", "1", "--batch", "50", "--validation", "50", "--pad32", "--out", out.toString());
        assertEquals("0", train[0], train[2]);
        Path packed = tmp.resolve("model.bnn");
        String[] export = run("export", "--model", out.resolve("best-model.zip").toString(), "--out", packed.toString());
        assertEquals("0", export[0], export[2]);
        assertTrue(export[1].contains("CONV2D binary weights, sign input") && export[1].contains("Wrote " + packed), export[1]);
        try (org.bnn4j.runtime.BnnModel model = org.bnn4j.runtime.BnnModel.load(packed)) {
            assertArrayEquals(new int[]{1, 32, 32}, model.inputShape(), "the padded input recorded at training time");
        }

        String[] predict = run("predict", "--model", packed.toString(), "--dataset", "fashion-mnist", "--data-dir", data.toString());
        assertEquals("0", predict[0], predict[2]);
        assertTrue(predict[1].matches("(?s)model\\.bnn on fashion-mnist \\(runtime only, 1 thread\\): accuracy \\d+\\.\\d\\d% \\(\\d+ of 100\\).*"),
                predict[1]);

        String[] wrongData = run("predict", "--model", packed.toString(), "--dataset", "cifar10", "--data-dir", data.toString());
        assertEquals("2", wrongData[0]);
    }

    @Test
    void quickstartTrainsExportsAndRunsBinaryNet(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 300, 100, true);
        String[] r = run("quickstart", "--epochs", "1", "--width", "32", "--data-dir", data.toString(), "--limit", "300",
                "--out", tmp.resolve("qs").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("DENSE binary weights, sign input, thresholds"), "hidden layers run on XNOR/popcount: " + r[1]);
        assertTrue(r[1].matches("(?s).*bnn4j runtime, packed model +\\d+\\.\\d\\d% +\\(same prediction on 100 of 100 images\\).*"), r[1]);
        assertTrue(r[1].contains("smaller than float32") && r[1].contains("faster)"), r[1]);
        assertTrue(Files.exists(tmp.resolve("qs").resolve("model.bnn")));
    }

    @Test
    void trainsXnorResNet20OnCifarFiles(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeCifarSet(data.resolve("cifar10"), 20, 30);
        Path out = tmp.resolve("resnet");
        String[] r = run("train", "--model", "xnor-resnet20", "--dataset", "cifar10", "--data-dir", data.toString(),
                "--epochs", "1", "--batch", "25", "--validation", "25", "--augment", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(firstLine(out.resolve("evaluation.txt")).startsWith("xnor-resnet20-cifar10 on CIFAR-10: test accuracy"));
    }

    @Test
    void mistakesGiveOneClearLine(@TempDir Path tmp) {
        String[] unknown = run("train", "--model", "lenet", "--data-dir", tmp.toString());
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].contains("Unknown model 'lenet'") && unknown[2].contains("binarynet-mlp"), unknown[2]);

        String[] missing = run("train", "--model", "binarynet-mlp", "--data-dir", tmp.resolve("nothing").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("train-images-idx3-ubyte") && missing[2].contains("fetch-data.sh"), missing[2]);

        String[] noModel = run("evaluate", "--model", tmp.resolve("none.zip").toString());
        assertEquals("2", noModel[0]);
        assertTrue(noModel[2].contains("none.zip"), noModel[2]);
    }
}
