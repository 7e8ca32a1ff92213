package org.bnn4j.tests;

import org.bnn4j.keras.LarqExampleModels;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.tests.testutil.Cli;
import org.bnn4j.zoo.data.SyntheticFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Larq model file in, a packed model and its accuracy out: {@code evaluate --from}, {@code train --from} (fine-tune),
 * {@code export} and {@code predict} of the result, and {@code import} + {@code predict} of a colour (NHWC) model,
 * each accuracy agreeing between DL4J and the runtime.
 */
class CommandLineKerasTest {
    private static final Pattern DL4J_ACCURACY = Pattern.compile("test accuracy (\\d+\\.\\d+)%");
    private static final Pattern RUNTIME_ACCURACY = Pattern.compile("accuracy (\\d+\\.\\d+)% \\((\\d+) of (\\d+)\\)");

    @Test
    void fineTunesALarqModelThenExportsItAndTheRuntimeAgrees(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 200, 100, true);
        Path h5 = LarqExampleModels.convNet(tmp.resolve("larq-mnist.h5"), 28, 1);

        Cli.Result asIs = Cli.run("evaluate", "--from", h5.toString(), "--dataset", "mnist", "--data-dir", data.toString());
        assertEquals(0, asIs.code(), asIs.err());
        assertTrue(asIs.out().startsWith("larq-mnist.h5 on MNIST: test accuracy"), asIs.out());

        Path run = tmp.resolve("run");
        Cli.Result train = Cli.run("train", "--from", h5.toString(), "--dataset", "mnist", "--data-dir", data.toString(),
                "--epochs", "1", "--batch", "50", "--validation", "50", "--lr", "1e-3", "--out", run.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("larq-mnist-mnist on MNIST"), train.out());
        String trained = Files.readAllLines(run.resolve("evaluation.txt")).get(0);

        Cli.Result again = Cli.run("evaluate", "--model", run.resolve("best-model.zip").toString(), "--data-dir", data.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(dl4jAccuracy(trained), dl4jAccuracy(again.out()), "the saved model records its NHWC input");

        Path packed = tmp.resolve("fine-tuned.bnn");
        Cli.Result export = Cli.run("export", "--model", run.resolve("best-model.zip").toString(), "--out", packed.toString());
        assertEquals(0, export.code(), export.err());
        try (BnnModel model = BnnModel.load(packed)) {
            assertArrayEquals(new int[]{28, 28, 1}, model.inputShape(), "the packed model takes the Keras layout");
        }
        Cli.Result predict = Cli.run("predict", "--model", packed.toString(), "--dataset", "mnist", "--data-dir", data.toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(dl4jAccuracy(trained), runtimeAccuracy(predict.out()), predict.out());
    }

    @Test
    void predictFeedsAnImportedColourModelItsNhwcPixels(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeCifarSet(data.resolve("cifar10"), 20, 100);
        Path h5 = LarqExampleModels.convNet(tmp.resolve("larq-cifar.h5"), 32, 3);
        Path packed = tmp.resolve("larq-cifar.bnn");
        Cli.Result imported = Cli.run("import", "--keras", h5.toString(), "--out", packed.toString());
        assertEquals(0, imported.code(), imported.err());

        Cli.Result dl4j = Cli.run("evaluate", "--from", h5.toString(), "--dataset", "cifar10", "--data-dir", data.toString());
        assertEquals(0, dl4j.code(), dl4j.err());
        Cli.Result runtime = Cli.run("predict", "--model", packed.toString(), "--dataset", "cifar10", "--data-dir", data.toString());
        assertEquals(0, runtime.code(), runtime.err());
        assertEquals(dl4jAccuracy(dl4j.out()), runtimeAccuracy(runtime.out()), dl4j.out() + runtime.out());
    }

    @Test
    void importedModelMistakesGiveOneClearLine(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeCifarSet(data.resolve("cifar10"), 20, 20);
        Path h5 = LarqExampleModels.convNet(tmp.resolve("larq-mnist.h5"), 28, 1);
        String[][] cases = {
                {"train", "--from", h5.toString(), "--dataset", "cifar10", "--data-dir", data.toString()},
                {"train", "--from", h5.toString(), "--width", "64", "--data-dir", data.toString()},
                {"train", "--from", h5.toString(), "--model", "binarynet-mlp", "--data-dir", data.toString()},
                {"evaluate", "--from", h5.toString(), "--data-dir", data.toString()},
                {"evaluate", "--from", tmp.resolve("missing.h5").toString(), "--dataset", "mnist"},
        };
        String[] expected = {"takes 28x28x1 images (height x width x channels) but CIFAR-10 gives 3x32x32",
                "--width shapes a zoo --model", "--model and --from are alternatives", "--from needs --dataset",
                "missing.h5"};
        for (int i = 0; i < cases.length; i++) {
            Cli.Result r = Cli.run(cases[i]);
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(expected[i]) && r.err().strip().lines().count() == 1, r.err());
        }
    }

    private static String dl4jAccuracy(String out) {
        Matcher m = DL4J_ACCURACY.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private static String runtimeAccuracy(String out) {
        Matcher m = RUNTIME_ACCURACY.matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }
}
