package org.bnn4j.tests;

import org.bnn4j.examples.train.ModelCatalog;
import org.bnn4j.tests.testutil.Cli;
import org.bnn4j.zoo.data.SyntheticFiles;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** ./bnn4j train and evaluate, end to end on small data-set files in the real formats. */
class CommandLineTest {

    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file).get(0);
    }

    private static Cli.Result trainMlp(Path tmp, String name, String... extra) {
        Path data = tmp.resolve("data");
        if (!Files.exists(data)) {
            SyntheticFiles.writeIdxSet(data.resolve("mnist"), 200, 60, true);
        }
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", "binarynet-mlp", "--dataset", "mnist",
                "--data-dir", data.toString(), "--epochs", "1", "--batch", "50", "--width", "16", "--hidden-layers", "1",
                "--validation", "50", "--out", tmp.resolve(name).toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(new String[0]));
    }

    @Test
    void trainsWithDeepFrankWolfeAndWithBopAndTheBinaryNetTweaks(@TempDir Path tmp) throws IOException {
        Cli.Result dfw = trainMlp(tmp, "dfw", "--optimizer", "dfw", "--loss", "multiclass-hinge", "--eta", "0.1",
                "--weight-decay", "1e-4");
        assertEquals(0, dfw.code(), dfw.err());
        assertTrue(firstLine(tmp.resolve("dfw").resolve("evaluation.txt")).contains("test accuracy"));
        Cli.Result bop = trainMlp(tmp, "bop", "--optimizer", "bop", "--bop-gamma", "1e-3", "--binarized-bias",
                "--clip-gradients", "1", "--rotate", "10", "--intensity-jitter", "0.2");
        assertEquals(0, bop.code(), bop.err());
        Cli.Result nesterov = trainMlp(tmp, "nesterov", "--optimizer", "nesterov", "--lr", "0.05", "--momentum", "0.8");
        assertEquals(0, nesterov.code(), nesterov.err());
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
            Cli.Result r = trainMlp(tmp, cases[i][0], java.util.Arrays.copyOfRange(cases[i], 1, cases[i].length));
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(expected[i]) && r.err().strip().lines().count() == 1, r.err());
        }
    }

    @Test
    void trainsTheBinaryConnectVariantsAndDeepFrankWolfeOnAResNet(@TempDir Path tmp) throws IOException {
        Cli.Result tc = trainMlp(tmp, "tc", "--activations", "relu", "--weights", "stochastic-ternary",
                "--backprop-quantizer", "power-of-two", "--backprop-exponents", "-6,0", "--loss", "squared-hinge",
                "--no-weight-clip");
        assertEquals(0, tc.code(), tc.err());
        assertTrue(firstLine(tmp.resolve("tc").resolve("evaluation.txt")).contains("test accuracy"));
        Cli.Result bc = trainMlp(tmp, "bc", "--activations", "relu", "--weights", "stochastic-binary",
                "--backprop-quantizer", "stochastic-power-of-two");
        assertEquals(0, bc.code(), bc.err());

        Path data = tmp.resolve("data");
        Cli.Result dfw = Cli.run("train", "--model", "xnor-resnet20", "--dataset", "mnist", "--data-dir", data.toString(),
                "--epochs", "1", "--batch", "50", "--validation", "50", "--optimizer", "dfw", "--loss", "multiclass-hinge",
                "--eta", "0.1", "--out", tmp.resolve("xnor-dfw").toString());
        assertEquals(0, dfw.code(), dfw.err());
        assertTrue(firstLine(tmp.resolve("xnor-dfw").resolve("evaluation.txt")).contains("test accuracy"));
        Cli.Result bop = Cli.run("train", "--model", "xnor-resnet20", "--dataset", "mnist", "--data-dir", data.toString(),
                "--epochs", "1", "--batch", "50", "--validation", "50", "--optimizer", "bop",
                "--out", tmp.resolve("xnor-bop").toString());
        assertEquals(0, bop.code(), bop.err());
        Cli.Result ttq = Cli.run("train", "--model", "ttq-resnet20", "--optimizer", "bop", "--out", tmp.resolve("t").toString());
        assertEquals(2, ttq.code(), ttq.err());
        assertTrue(ttq.err().contains("not ttq-resnet20, whose kernels are ternary"), ttq.err());
    }

    @Test
    void trainingVariantOptionsThatCannotApplyGiveOneClearLine(@TempDir Path tmp) {
        String[][] cases = {
                {"w", "--weights", "banana"},
                {"a", "--activations", "tanh"},
                {"e", "--backprop-exponents", "-8,0"},
                {"r", "--backprop-quantizer", "power-of-two", "--backprop-exponents", "0,-3"},
                {"n", "--backprop-quantizer", "power-of-two", "--backprop-exponents", "-8"},
                {"q", "--backprop-quantizer", "log"},
                {"fp", "--full-precision", "--weights", "ternary"},
                {"fpc", "--full-precision", "--no-weight-clip"},
        };
        String[] expected = {"--weights must be one of binary, stochastic-binary, ternary, stochastic-ternary, got banana",
                "--activations must be one of sign, relu", "--backprop-exponents needs --backprop-quantizer",
                "--backprop-exponents: PowerOfTwo: need", "--backprop-exponents must be two whole numbers",
                "--backprop-quantizer must be power-of-two or stochastic-power-of-two", "--weights is about quantized weights",
                "--[no-]weight-clip is about quantized weights"};
        for (int i = 0; i < cases.length; i++) {
            Cli.Result r = trainMlp(tmp, cases[i][0], java.util.Arrays.copyOfRange(cases[i], 1, cases[i].length));
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertTrue(r.err().contains(expected[i]) && r.err().strip().lines().count() == 1, r.err());
            assertFalse(Files.exists(tmp.resolve(cases[i][0])), "nothing written");
        }
        Cli.Result other = Cli.run("train", "--model", "xnor-resnet20", "--weights", "ternary", "--out", tmp.resolve("x").toString());
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("--weights is a binarynet-mlp option; --model xnor-resnet20 does not take it"), other.err());
    }

    @Test
    void trainsBinaryNetThenEvaluatesTheSavedModel(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 300, 120, true);
        Path out = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "--model", "binarynet-mlp", "--dataset", "mnist", "--data-dir", data.toString(),
                "--epochs", "2", "--batch", "50", "--width", "32", "--validation", "60", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[]{"best-model.zip", "last-model.zip", "history.csv", "history.png", "evaluation.txt"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("history.csv"));
        assertEquals(3, csv.size(), "header and one row per epoch");
        assertTrue(csv.get(0).startsWith("epoch,train_loss,validation_loss,validation_accuracy"));
        String headline = firstLine(out.resolve("evaluation.txt"));
        assertTrue(headline.matches("binarynet-mlp-mnist on MNIST: test accuracy \\d+\\.\\d\\d% \\(120 examples\\)"), headline);
        assertTrue(Files.readString(out.resolve("evaluation.txt")).contains("Confusion Matrix"));

        Cli.Result e = Cli.run("evaluate", "--model", out.resolve("best-model.zip").toString(), "--data-dir", data.toString());
        assertEquals(0, e.code(), e.err());
        String accuracy = headline.substring(headline.indexOf("test accuracy"));
        assertTrue(e.out().contains(accuracy), "evaluate must reproduce the training run's test accuracy: " + accuracy);
    }

    @Test
    void exportsAndPredictsWithTheRuntimeAlone(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("fashion-mnist"), 200, 100, false);
        Path out = tmp.resolve("run");
        Cli.Result train = Cli.run("train", "--model", "xnor-resnet20", "--dataset", "fashion-mnist", "--data-dir", data.toString(),
                "--epochs", "1", "--batch", "50", "--validation", "50", "--pad32", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        Path packed = tmp.resolve("model.bnn");
        Cli.Result export = Cli.run("export", "--model", out.resolve("best-model.zip").toString(), "--out", packed.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains("CONV2D binary weights, sign input") && export.out().contains("Wrote " + packed), export.out());
        try (org.bnn4j.runtime.BnnModel model = org.bnn4j.runtime.BnnModel.load(packed)) {
            assertArrayEquals(new int[]{1, 32, 32}, model.inputShape(), "the padded input recorded at training time");
        }

        Cli.Result predict = Cli.run("predict", "--model", packed.toString(), "--dataset", "fashion-mnist", "--data-dir", data.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().matches("(?s)model\\.bnn on fashion-mnist \\(runtime only, 1 thread\\): accuracy \\d+\\.\\d\\d% \\(\\d+ of 100\\).*"),
                predict.out());

        Cli.Result wrongData = Cli.run("predict", "--model", packed.toString(), "--dataset", "cifar10", "--data-dir", data.toString());
        assertEquals(2, wrongData.code());
    }

    @Test
    void quickstartTrainsExportsAndRunsBinaryNet(@TempDir Path tmp) {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 300, 100, true);
        Cli.Result r = Cli.run("quickstart", "--epochs", "1", "--width", "32", "--data-dir", data.toString(), "--limit", "300",
                "--out", tmp.resolve("qs").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("DENSE binary weights, sign input, thresholds"), "hidden layers run on XNOR/popcount: " + r.out());
        assertTrue(r.out().matches("(?s).*bnn4j runtime, packed model +\\d+\\.\\d\\d% +\\(same prediction on 100 of 100 images\\).*"), r.out());
        assertTrue(r.out().contains("smaller than float32") && r.out().contains("faster)"), r.out());
        assertTrue(Files.exists(tmp.resolve("qs").resolve("model.bnn")));
    }

    @Test
    void trainsXnorResNet20OnCifarFiles(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        SyntheticFiles.writeCifarSet(data.resolve("cifar10"), 20, 30);
        Path out = tmp.resolve("resnet");
        Cli.Result r = Cli.run("train", "--model", "xnor-resnet20", "--dataset", "cifar10", "--data-dir", data.toString(),
                "--epochs", "1", "--batch", "25", "--validation", "25", "--augment", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(firstLine(out.resolve("evaluation.txt")).startsWith("xnor-resnet20-cifar10 on CIFAR-10: test accuracy"));

        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 10, 10, false);
        Cli.Result mnist = Cli.run("evaluate", "--model", out.resolve("best-model.zip").toString(), "--dataset", "mnist",
                "--data-dir", data.toString());
        assertEquals(2, mnist.code(), mnist.err());
        assertTrue(mnist.err().contains("takes 3x32x32 inputs (it was trained on CIFAR-10) but MNIST gives 1x28x28"),
                mnist.err());
    }

    /**
     * The ImageNet-size models are in the command line's catalog. (Not trained here: a run on a few CIFAR-10 files,
     * export included, takes over a minute, most of it writing 95 MB checkpoints of 12.7 M parameters and Adam state.)
     */
    @Test
    void catalogHasTheImageNetModelsAndQuickNetRejectsMnistSize(@TempDir Path tmp) throws IOException {
        for (String name : new String[]{"birealnet18", "quicknet"}) {
            ComputationGraph net = (ComputationGraph) ModelCatalog.byName(name)
                    .create(new int[]{3, 32, 32}, 10, new ModelCatalog.Options()).model();
            LayerVertex fc = (LayerVertex) net.getConfiguration().getVertices().get("fc");
            assertEquals(10, ((OutputLayer) fc.getLayerConf().getLayer()).getNOut(), name);
        }
        Path data = tmp.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 10, 10, false);
        Cli.Result small = Cli.run("train", "--model", "quicknet", "--dataset", "mnist", "--data-dir", data.toString(),
                "--epochs", "1", "--out", tmp.resolve("q28").toString());
        assertEquals(2, small.code(), small.err());
        assertTrue(small.err().contains("too small"), small.err());
    }

    @Test
    void mistakesGiveOneClearLine(@TempDir Path tmp) {
        Cli.Result unknown = Cli.run("train", "--model", "lenet", "--data-dir", tmp.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("Unknown model 'lenet'") && unknown.err().contains("binarynet-mlp"), unknown.err());

        Cli.Result missing = Cli.run("train", "--model", "binarynet-mlp", "--data-dir", tmp.resolve("nothing").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("train-images-idx3-ubyte") && missing.err().contains("fetch-data.sh"), missing.err());

        Cli.Result noModel = Cli.run("evaluate", "--model", tmp.resolve("none.zip").toString());
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("none.zip"), noModel.err());
    }
}
