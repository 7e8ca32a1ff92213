package org.bnn4j.tests;

import org.bnn4j.tests.testutil.Cli;
import org.bnn4j.tests.testutil.ZipEntries;
import org.bnn4j.zoo.data.SyntheticFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Files given to the command line that cannot be used: outputs that cannot be written or would destroy the input,
 * missing or wrong inputs. Each is one line naming the file and the problem, exit 2, found before any work.
 */
class CommandLineFilesTest {
    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    /** A small BinaryNet MLP trained by ./bnn4j train on synthetic MNIST files, shared by the tests. */
    private static Path model;
    private static Path data;

    @BeforeAll
    static void trainSmallModel() {
        data = shared.resolve("data");
        SyntheticFiles.writeIdxSet(data.resolve("mnist"), 100, 40, false);
        SyntheticFiles.writeCifarSet(data.resolve("cifar10"), 2, 3);
        Path run = shared.resolve("run");
        Cli.Result r = Cli.run("train", "--model", "binarynet-mlp", "--data-dir", data.toString(), "--epochs", "1",
                "--batch", "50", "--width", "16", "--validation", "20", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        model = run.resolve("best-model.zip");
    }

    /** Expects exit 2 and one error line containing every one of {@code parts}. */
    private static String assertMistake(Cli.Result r, String... parts) {
        assertEquals(2, r.code(), r.err());
        String line = r.errorLine();
        assertFalse(line.contains("\n"), "one line: " + r.err());
        for (String part : parts) {
            assertTrue(line.contains(part), "expected '" + part + "' in: " + line);
        }
        return line;
    }

    @Test
    void exportRefusesToOverwriteTheModelItReads() throws IOException {
        byte[] before = Files.readAllBytes(model);
        Cli.Result r = Cli.run("export", "--model", model.toString(), "--out", model.toString());
        assertMistake(r, "--out " + model, "is the file --model reads", "choose another --out");
        assertArrayEquals(before, Files.readAllBytes(model), "the trained model is untouched");
    }

    /** import checks its output like export, before reading the Keras file (here not even a valid one). */
    @Test
    void importRefusesToOverwriteTheKerasFileItReads() throws IOException {
        Path keras = tmp.resolve("model.h5");
        Files.write(keras, new byte[]{1, 2, 3});
        Cli.Result r = Cli.run("import", "--keras", keras.toString(), "--out", keras.toString());
        assertMistake(r, "--out " + keras, "is the file --keras reads", "choose another --out");
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(keras), "the Keras file is untouched");
    }

    @Test
    void exportRecognisesTheModelUnderAnotherName() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link.zip"), model);
        Path spelledDifferently = model.getParent().resolve("..").resolve(model.getParent().getFileName())
                .resolve(model.getFileName());
        for (Path out : new Path[]{link, spelledDifferently}) {
            assertMistake(Cli.run("export", "--model", model.toString(), "--out", out.toString()),
                    "is the file --model reads");
        }
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void exportIntoAMissingDirectorySaysSo() {
        Path out = tmp.resolve("no").resolve("such").resolve("model.bnn");
        assertMistake(Cli.run("export", "--model", model.toString(), "--out", out.toString()),
                "--out " + out, "directory " + out.getParent() + " does not exist");
    }

    @Test
    void exportOntoADirectorySaysSo() {
        assertMistake(Cli.run("export", "--model", model.toString(), "--out", tmp.toString()),
                "--out " + tmp, "is a directory");
    }

    @Test
    void trainFindsAnUnwritableOutputBeforeTraining() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Cli.Result r = Cli.run("train", "--model", "binarynet-mlp", "--data-dir", data.toString(), "--epochs", "1",
                "--width", "16", "--validation", "20", "--out", file.resolve("run").toString());
        assertMistake(r, "--out " + file.resolve("run"), "cannot be created: " + file + " is not a directory");
        assertFalse(r.out().contains("epoch 1/1"), "no training: " + r.out());
    }

    @Test
    void quickstartChecksItsOutputFirst() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        assertMistake(Cli.run("quickstart", "--data-dir", data.toString(), "--out", file.toString()),
                "--out " + file, "exists and is not a directory");
    }

    @Test
    void evaluateOnDataOfAnotherShapeSaysWhichShapes() {
        assertMistake(Cli.run("evaluate", "--model", model.toString(), "--data-dir", data.toString(), "--dataset", "cifar10"),
                model + " takes 1x28x28 inputs (it was trained on MNIST) but CIFAR-10 gives 3x32x32");
    }

    @Test
    void garbageCoefficientsAreNamedWithoutQuotingTheirBytes() throws IOException {
        byte[] garbage = "\u0000\u0010hello\u0000world\n".repeat(20).getBytes(StandardCharsets.ISO_8859_1);
        Path zip = ZipEntries.withEntry(model, "coefficients.bin", garbage, tmp.resolve("garbage.zip"));
        Cli.Result[] runs = {Cli.run("evaluate", "--model", zip.toString(), "--data-dir", data.toString()),
                Cli.run("export", "--model", zip.toString(), "--out", tmp.resolve("x.bnn").toString())};
        for (Cli.Result r : runs) {
            String line = assertMistake(r, zip + ": coefficients.bin is not an ND4J array");
            assertFalse(line.contains("hello") || line.chars().anyMatch(Character::isISOControl), line);
        }
    }

    @Test
    void parametersThatNoLongerFitTheConfigurationAreReportedAsSuch() throws IOException {
        String json = new String(ZipEntries.read(model).get("configuration.json"), StandardCharsets.UTF_8);
        String widened = json.replaceFirst("\"nout\" : 16", "\"nout\" : 17");
        assertNotEquals(json, widened);
        Path zip = ZipEntries.withEntry(model, "configuration.json", widened.getBytes(StandardCharsets.UTF_8),
                tmp.resolve("nout.zip"));
        String line = assertMistake(Cli.run("export", "--model", zip.toString(), "--out", tmp.resolve("x.bnn").toString()),
                zip + ": coefficients.bin holds ", " parameters but configuration.json describes a network with ");
        assertFalse(line.contains("appears to be"), line);
    }

    @Test
    void notAZipAndNoZipAreNamed() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.zip"), "not a zip");
        assertMistake(Cli.run("evaluate", "--model", text.toString()), text + ": is not a zip file");
        assertMistake(Cli.run("evaluate", "--model", tmp.toString()), tmp + ": is a directory, expected a ModelSerializer zip");
        Path none = tmp.resolve("none.zip");
        assertMistake(Cli.run("export", "--model", none.toString(), "--out", tmp.resolve("x.bnn").toString()),
                none + ": no such file");
    }

    @Test
    void damagedOrMissingInputPreparationIsNamed() throws IOException {
        Path withoutIt = ZipEntries.withEntry(model, "objects/bnn4j-data.properties", null, tmp.resolve("plain.zip"));
        assertMistake(Cli.run("evaluate", "--model", withoutIt.toString()),
                withoutIt + ": has no record of its input preparation");
        byte[] stored = ZipEntries.read(model).get("objects/bnn4j-data.properties");
        byte[] unknownDataset = new String(stored, StandardCharsets.ISO_8859_1).replace("dataset=mnist", "dataset=mnisx")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path damaged = ZipEntries.withEntry(model, "objects/bnn4j-data.properties", unknownDataset, tmp.resolve("ds.zip"));
        assertMistake(Cli.run("evaluate", "--model", damaged.toString()),
                damaged + ": its input preparation (objects/bnn4j-data.properties) names a data set bnn4j does not know");
    }

    @Test
    void inputPreparationThatDoesNotFitTheNetworkIsNamed() throws IOException {
        ByteArrayOutputStream cifar = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(cifar)) { // as ModelSerializer.addObjectToFile stores it
            out.writeObject("dataset=cifar10\nlayout=FLAT\npadTo=0\nnormalization=ZERO_TO_ONE\n");
        }
        Path zip = ZipEntries.withEntry(model, "objects/bnn4j-data.properties", cifar.toByteArray(), tmp.resolve("cifar.zip"));
        assertMistake(Cli.run("evaluate", "--model", zip.toString(), "--data-dir", data.toString()),
                zip + ": does not take the inputs its recorded preparation describes", "nIn=784");
    }

    @Test
    void predictNamesTheFileAndItsProblem() {
        Path none = tmp.resolve("nope.bnn");
        assertMistake(Cli.run("predict", "--model", none.toString()), none + ": no such file");
        assertMistake(Cli.run("predict", "--model", tmp.toString()), tmp + ": is a directory, expected a packed bnn4j model");
        assertMistake(Cli.run("predict", "--model", model.toString()), model + ": not a bnn4j model file");
    }
}
