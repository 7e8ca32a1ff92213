package org.bnn4j.zoo.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;

import static org.bnn4j.zoo.data.SyntheticFiles.pixel;
import static org.bnn4j.zoo.data.SyntheticFiles.writeIdxSet;
import static org.junit.jupiter.api.Assertions.*;

/** MNIST augmentation by small rotations and intensity jitter: what each transform is, bounded, fixed by the seed. */
class RotationAndIntensityTest {
    private static final int TRAIN = 30;
    private static final int SIDE = SyntheticFiles.MNIST_SIDE;

    @TempDir
    Path root;

    @BeforeEach
    void writeFiles() {
        writeIdxSet(root.resolve("mnist"), TRAIN, 5, false);
    }

    private INDArray features(ImageIteratorBuilder b) {
        return b.dataDir(root).layout(Layout.NCHW).batchSize(TRAIN).build().next().getFeatures();
    }

    @Test
    void aQuarterTurnIsATransposeAndAMirror() {
        int side = 4;
        byte[] src = new byte[side * side];
        for (int i = 0; i < src.length; i++) src[i] = (byte) (10 * i + 1);
        PixelEncoder encoder = new PixelEncoder(1, side, side, side, side, Normalization.ZERO_TO_ONE);
        float[] out = new float[side * side];
        encoder.encode(src, 0, new Augmentation.Draw(0, 0, false, Math.PI / 2, 1), out, 0);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                // output (y, x) shows source (x, side - 1 - y)
                assertEquals((src[x * side + (side - 1 - y)] & 0xff) / 255f, out[y * side + x], 1e-7f, "(" + y + "," + x + ")");
            }
        }
    }

    @Test
    void smallRotationsMovePixelsByLittleAndAreSeeded() {
        ImageIteratorBuilder b = MnistData.builder().randomRotation(10).augmentationSeed(3);
        INDArray f = features(b);
        assertEquals(f, features(MnistData.builder().randomRotation(10).augmentationSeed(3)), "the seed fixes the draws");
        assertNotEquals(f, features(MnistData.builder().randomRotation(10).augmentationSeed(4)));
        int changed = 0;
        // at most 10 degrees: a pixel at distance r from the centre moves by at most 2 r sin(5 deg) + 1/2 (rounding)
        double maxMove = 2 * (SIDE / Math.sqrt(2)) * Math.sin(Math.toRadians(5)) + 1;
        for (int i = 0; i < TRAIN; i++) {
            boolean same = true;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    float v = f.getFloat(i, 0, y, x);
                    same &= Math.abs(v - pixel(i, 0, y, x) / 255f) < 1e-6f;
                    if (v != 0f) {
                        assertTrue(shownWithin(i, v, y, x, maxMove), "example " + i + " (" + y + "," + x + ") came from afar");
                    }
                }
            }
            changed += same ? 0 : 1;
        }
        assertTrue(changed > TRAIN / 2, changed + " of " + TRAIN + " rotated");
    }

    /** Whether the source image has value v within distance d of (y, x). */
    private static boolean shownWithin(int i, float v, int y, int x, double d) {
        int r = (int) Math.ceil(d);
        for (int sy = Math.max(0, y - r); sy <= Math.min(SIDE - 1, y + r); sy++) {
            for (int sx = Math.max(0, x - r); sx <= Math.min(SIDE - 1, x + r); sx++) {
                if (Math.abs(pixel(i, 0, sy, sx) / 255f - v) < 1e-6f) return true;
            }
        }
        return false;
    }

    @Test
    void intensityJitterScalesEachImageByOneFactor() {
        double jitter = 0.3;
        INDArray f = features(MnistData.builder().intensityJitter(jitter).augmentationSeed(5));
        int scaled = 0;
        for (int i = 0; i < TRAIN; i++) {
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int source = pixel(i, 0, y, x);
                    int shown = Math.round(f.getFloat(i, 0, y, x) * 255f);
                    if (source == 0) {
                        assertEquals(0, shown, "black stays black");
                    } else if (source >= 50 && shown < 255) { // unsaturated: shown = round(source * k), k within 1%
                        double k = shown / (double) source;
                        lowest = Math.min(lowest, k);
                        highest = Math.max(highest, k);
                    }
                }
            }
            assertTrue(highest > 0, "example " + i + " has no pixel to measure the factor on");
            assertTrue(lowest >= 1 - jitter - 0.01 && highest <= 1 + jitter + 0.01, "factor beyond the jitter: "
                    + lowest + ".." + highest);
            assertTrue(highest - lowest <= 0.02, "one factor per image, example " + i + ": " + lowest + ".." + highest);
            scaled += Math.abs(highest - 1) > 0.02 ? 1 : 0;
        }
        assertTrue(scaled > TRAIN / 2, scaled + " of " + TRAIN + " visibly scaled");
        assertEquals(255, PixelEncoder.scaled(200, 1.3));
        assertEquals(0, PixelEncoder.scaled(0, 1.3));
        assertEquals(140, PixelEncoder.scaled(200, 0.7));
    }

    @Test
    void badOptionsAndEvaluationSplitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MnistData.builder().dataDir(root).randomRotation(-1).build());
        assertThrows(IllegalArgumentException.class, () -> MnistData.builder().dataDir(root).intensityJitter(1.0).build());
        assertThrows(IllegalStateException.class, () -> MnistData.builder().dataDir(root).randomRotation(5)
                .validationSize(5).split(Split.VALIDATION).build());
        assertEquals(5, MnistData.builder().dataDir(root).randomRotation(5).intensityJitter(0.1).noAugmentation()
                .split(Split.TEST).build().numExamples());
    }
}
