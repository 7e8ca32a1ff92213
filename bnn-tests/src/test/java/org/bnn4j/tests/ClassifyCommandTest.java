package org.bnn4j.tests;

import org.bnn4j.examples.pretrained.ImageFiles;
import org.bnn4j.examples.pretrained.ImagePreparation;
import org.bnn4j.examples.pretrained.TopClasses;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.pretrained.PretrainedModels;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.tests.testutil.Cli;
import org.bnn4j.zoo.data.DataDirectory;
import org.bnn4j.zoo.data.ImageDataset;
import org.bnn4j.zoo.data.LabeledImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./bnn4j classify} and {@code list}: pictures the test draws itself, grey or colour, light or dark
 * background, larger than the model's input, come back as the 28x28 input they were drawn from; a shipped
 * Fashion-MNIST model gives a test image written as a large colour JPEG the top class of the raw image; bad files
 * are one line and exit 2.
 */
class ClassifyCommandTest {
    private static final Pattern TOP1 = Pattern.compile("^  1\\. (.+?) +\\d+\\.\\d\\d%$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    /** A light blob on black, like an MNIST digit: a deterministic 28x28 pattern. */
    private static int[] pattern() {
        Random r = new Random(7);
        int[] p = new int[784];
        for (int y = 4; y < 24; y++) {
            for (int x = 6; x < 22; x++) {
                p[y * 28 + x] = 40 + r.nextInt(216);
            }
        }
        return p;
    }

    /** The 28x28 grey levels {@code p}, each pixel a {@code scale x scale} square, as RGB or grey, inverted or not. */
    private static BufferedImage drawn(int[] p, int scale, boolean colour, boolean darkOnLight, int extraRows) {
        int side = 28 * scale;
        BufferedImage image = new BufferedImage(side, side + 2 * extraRows,
                colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < side; x++) {
                int yy = y - extraRows;
                int v = yy < 0 || yy >= side ? 0 : p[(yy / scale) * 28 + x / scale];
                if (darkOnLight) {
                    v = 255 - v;
                }
                if (colour) {
                    image.setRGB(x, y, v << 16 | v << 8 | v);
                } else {
                    image.getRaster().setSample(x, y, 0, v);
                }
            }
        }
        return image;
    }

    private Path png(String name, BufferedImage image) throws IOException {
        Path file = tmp.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()));
        return file;
    }

    private Path jpeg(String name, BufferedImage image) throws IOException {
        Path file = tmp.resolve(name);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static void assertPixels(int[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] / 255.0, actual[i], tolerance, "pixel " + i);
        }
    }

    @Test
    void anUpscaledPictureComesBackAsItsInputGreyOrColourLightOrDark() throws IOException {
        int[] p = pattern();
        ImagePreparation prep = new ImagePreparation(28, 0, 0f, 1f, ImagePreparation.Invert.AUTO);
        for (boolean colour : new boolean[]{false, true}) {
            for (boolean dark : new boolean[]{false, true}) {
                Path file = png("p-" + colour + "-" + dark + ".png", drawn(p, 9, colour, dark, 0));
                ImagePreparation.Prepared prepared = prep.prepare(ImageFiles.read(file));
                assertEquals(dark, prepared.inverted(), "inverted only when the border is light: " + file);
                assertEquals(colour, prepared.colour());
                assertPixels(p, prepared.pixels(), 1e-5);
            }
        }
    }

    /**
     * A dark object on a cream background (not white): inverted, the background would be grey 0.08, not the training
     * images' black; the levels step maps it to 0 and stretches the rest, g' = (g - b) / (1 - b).
     */
    @Test
    void aTintedBackgroundBecomesBlackAndTheObjectIsStretched() throws IOException {
        int[] p = pattern();
        int background = 235;                         // cream-ish grey, the border median
        BufferedImage image = new BufferedImage(28 * 4, 28 * 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = p[(y / 4) * 28 + x / 4];       // light on black, 0 = background
                image.getRaster().setSample(x, y, 0, background - v * background / 255);
            }
        }
        ImagePreparation.Prepared prepared = new ImagePreparation(28, 0, 0f, 1f, ImagePreparation.Invert.AUTO)
                .prepare(ImageFiles.read(png("cream.png", image)));
        assertTrue(prepared.inverted());
        double b = 1 - background / 255.0;
        for (int i = 0; i < p.length; i++) {
            double inverted = 1 - (background - p[i] * background / 255) / 255.0;
            assertEquals(Math.max(0, (inverted - b) / (1 - b)), prepared.pixels()[i], 1e-5, "pixel " + i);
        }
        assertEquals(0f, prepared.pixels()[0], "the background is black, as in the training images");
    }

    @Test
    void aTallPictureIsPaddedToASquareWithItsBackgroundKeepingTheAspect() throws IOException {
        int[] p = pattern();
        // 28 x 34 cells of 5 pixels: squared to 34 x 34 cells, so the 28 columns become 28 * 28/34 output pixels
        BufferedImage tall = drawn(p, 5, true, true, 15);
        ImagePreparation.Prepared prepared = new ImagePreparation(28, 0, 0f, 1f, ImagePreparation.Invert.AUTO)
                .prepare(tall);
        assertTrue(prepared.inverted());
        float[] px = prepared.pixels();
        for (int y = 0; y < 28; y++) {
            assertEquals(0f, px[y * 28], 1e-6, "left padding is the (inverted) white background, now black");
            assertEquals(0f, px[y * 28 + 27], 1e-6);
        }
        assertEquals(p.length, px.length);
    }

    @Test
    void pad32AndTheRangeFollowTheModel() throws IOException {
        int[] p = pattern();
        ImagePreparation.Prepared prepared = new ImagePreparation(28, 32, -1f, 1f, ImagePreparation.Invert.NO)
                .prepare(ImageFiles.read(png("p.png", drawn(p, 3, false, false, 0))));
        float[] px = prepared.pixels();
        assertEquals(1024, px.length);
        assertEquals(-1f, px[0], 0f, "padding is black");
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(p[y * 28 + x] / 127.5 - 1, px[(y + 2) * 32 + x + 2], 1e-5);
            }
        }
    }

    /** A packed model file without metadata: softmax over the 784 pixels, so the brightest pixel wins. */
    private Path toyModel(int inputs) throws IOException {
        Path file = tmp.resolve("toy-" + inputs + ".bnn");
        ModelWriter.write(new ModelSpec("test", ValueShape.vector(inputs),
                List.of(new ActivationSpec("softmax", 0, ActivationKind.SOFTMAX, 0, 0))), file);
        return file;
    }

    @Test
    void aPackedFileIsClassifiedWithTheDefaults() throws IOException {
        int[] p = new int[784];
        p[14 * 28 + 10] = 255;   // one white pixel, 9x9 in the picture: output 402 wins
        Path image = png("dot.png", drawn(p, 9, true, false, 0));
        Cli.Result r = Cli.run("classify", "--model", toyModel(784).toString(), image.toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = TOP1.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals("402", m.group(1));
        assertTrue(r.out().contains("  3. "), "top 3 printed: " + r.out());
    }

    @Test
    void badInputsAreOneLineAndExit2() throws IOException {
        Path model = toyModel(784);
        Path good = png("good.png", drawn(pattern(), 4, false, false, 0));
        Path text = Files.writeString(tmp.resolve("notes.png"), "not a picture");
        byte[] jpg = Files.readAllBytes(jpeg("photo.jpg", drawn(pattern(), 10, true, true, 0)));
        Path truncatedJpeg = Files.write(tmp.resolve("cut.jpg"), java.util.Arrays.copyOf(jpg, jpg.length / 2));
        byte[] png = Files.readAllBytes(good);
        Path truncatedPng = Files.write(tmp.resolve("cut.png"), java.util.Arrays.copyOf(png, png.length / 2));
        Path missing = tmp.resolve("missing.png");
        for (Path bad : new Path[]{text, truncatedJpeg, truncatedPng, missing, tmp}) {
            Cli.Result r = Cli.run("classify", "--model", model.toString(), good.toString(), bad.toString());
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertFalse(r.errorLine().contains("\n"), r.err());
            assertTrue(r.errorLine().startsWith("bnn4j classify: " + bad + ": "), r.err());
            assertEquals("", r.out(), "nothing is classified when one picture is bad");
        }
        Cli.Result shape = Cli.run("classify", "--model", toyModel(10).toString(), good.toString());
        assertEquals(2, shape.code());
        assertTrue(shape.errorLine().contains("takes inputs of shape [10]; classify handles grey square images only"),
                shape.err());
        Cli.Result names = Cli.run("classify", "--model", model.toString(), "--classes", "a,b", good.toString());
        assertEquals(2, names.code());
        assertTrue(names.errorLine().contains("has 784 outputs but 2 class names were given"), names.err());
        Cli.Result invert = Cli.run("classify", "--model", model.toString(), "--invert", "maybe", good.toString());
        assertEquals(2, invert.code());
        assertTrue(invert.errorLine().contains("--invert must be auto, yes or no"), invert.err());
    }

    @Test
    void fashionTestImagesAsLargeColourJpegsGetTheTopClassOfTheRawImage() throws IOException {
        PretrainedModel shipped = PretrainedModels.list().stream().filter(m -> m.dataset().equals("fashion-mnist"))
                .findFirst().orElse(null);
        assumeTrue(shipped != null, "no Fashion-MNIST model is shipped in this build");
        Path root = DataDirectory.resolve(null);
        Path dir = ImageDataset.FASHION_MNIST.directory(root);
        assumeTrue(Files.exists(dir.resolve("t10k-images-idx3-ubyte")) || Files.exists(dir.resolve("t10k-images-idx3-ubyte.gz")),
                "Fashion-MNIST not in " + dir);
        LabeledImages test = ImageDataset.FASHION_MNIST.loadTest(root);
        List<String> args = new ArrayList<>(List.of("classify", "--pretrained", shipped.name()));
        List<String> expected = new ArrayList<>();
        try (BnnModel model = PretrainedModels.load(shipped.name())) {
            // test images the model is sure of (top class 0.3 ahead of the next): JPEG's small errors must not
            // decide, the preparation must
            for (int i = 0; expected.size() < 24; i++) {
                int[] p = new int[784];
                float[] raw = new float[784];
                for (int j = 0; j < 784; j++) {
                    p[j] = test.pixel(i, 0, j / 28, j % 28);
                    raw[j] = shipped.rangeMin() + (shipped.rangeMax() - shipped.rangeMin()) * p[j] / 255f;
                }
                float[] input = padded(raw, shipped);
                List<TopClasses.Entry> best = TopClasses.of(model, model.predict(input), shipped.classNames(), 2);
                if (best.get(0).probability() - best.get(1).probability() < 0.3) {
                    continue;
                }
                for (boolean dark : new boolean[]{false, true}) {
                    args.add(jpeg("fashion-" + i + "-" + dark + ".jpg", drawn(p, 12, true, dark, 0)).toString());
                    expected.add(best.get(0).name());
                }
            }
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Matcher m = TOP1.matcher(r.out());
        List<String> actual = new ArrayList<>();
        while (m.find()) {
            actual.add(m.group(1));
        }
        assertEquals(expected, actual, r.out());
    }

    private static float[] padded(float[] raw, PretrainedModel m) {
        if (m.padTo() == 0) {
            return raw;
        }
        int side = m.padTo();
        int off = (side - 28) / 2;
        float[] out = new float[side * side];
        java.util.Arrays.fill(out, m.rangeMin());
        for (int y = 0; y < 28; y++) {
            System.arraycopy(raw, y * 28, out, (y + off) * side + off, 28);
        }
        return out;
    }

    @Test
    void listShowsEveryShippedModelWithItsAccuracy() {
        Cli.Result r = Cli.run("list");
        assertEquals(0, r.code(), r.err());
        if (PretrainedModels.list().isEmpty()) {
            assertTrue(r.out().contains("No pretrained models are shipped"), r.out());
        }
        for (PretrainedModel m : PretrainedModels.list()) {
            String row = r.out().lines().filter(l -> l.startsWith(m.name() + " ")).findFirst().orElse("");
            assertTrue(row.contains(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * m.runtimeAccuracy())), r.out());
            assertTrue(row.contains(m.inputDescription() + ": 28x28 grey"), row);
        }
    }
}
