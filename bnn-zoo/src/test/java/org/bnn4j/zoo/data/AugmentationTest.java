package org.bnn4j.zoo.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.bnn4j.zoo.data.SyntheticFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** Random crops and flips: off by default, training data only, exactly a shift/mirror, fixed by the seed. */
class AugmentationTest {
    private static final int TRAIN = 40;

    @TempDir
    Path root;

    @BeforeEach
    void writeFiles() {
        writeIdxSet(root.resolve("mnist"), TRAIN, 5, false);
        writeCifarSet(root.resolve("cifar10"), 8, 5);
    }

    /** Example i shifted by (dy, dx), optionally mirrored, black where the shift leaves the image. */
    private static float expected(int i, int c, int y, int x, int side, int dy, int dx, boolean flip) {
        int sy = y + dy;
        int sx = x + dx;
        if (sy < 0 || sy >= side || sx < 0 || sx >= side) {
            return 0f;
        }
        return pixel(i, c, sy, flip ? side - 1 - sx : sx) / 255f;
    }

    private static boolean matches(INDArray f, int k, int i, int channels, int side, int dy, int dx, boolean flip) {
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    if (Math.abs(f.getFloat(k, c, y, x) - expected(i, c, y, x, side, dy, dx, flip)) > 1e-6f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The (dy, dx, flip) that turns example i into row k, or fails. */
    private static String transformOf(INDArray f, int k, int i, int channels, int side, int maxShift) {
        for (int dy = -maxShift; dy <= maxShift; dy++) {
            for (int dx = -maxShift; dx <= maxShift; dx++) {
                for (boolean flip : new boolean[]{false, true}) {
                    if (matches(f, k, i, channels, side, dy, dx, flip)) {
                        return dy + "," + dx + "," + flip;
                    }
                }
            }
        }
        return fail("example " + i + " is not a shift by at most " + maxShift + " of its image");
    }

    private static INDArray allMnist(ImageIteratorBuilder b) {
        return b.layout(Layout.NCHW).batchSize(TRAIN).build().next().getFeatures();
    }

    @Test
    void offByDefault() {
        INDArray f = allMnist(MnistData.builder().dataDir(root));
        for (int i = 0; i < TRAIN; i++) {
            assertTrue(matches(f, i, i, 1, 28, 0, 0, false), "example " + i + " untouched");
        }
    }

    @Test
    void randomCropShiftsEachImageByAtMostThePadding() {
        INDArray f = allMnist(MnistData.builder().dataDir(root).randomCrop(2));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < TRAIN; i++) {
            String t = transformOf(f, i, i, 1, 28, 2);
            assertTrue(t.endsWith("false"), "no flip unless asked: " + t);
            seen.add(t);
        }
        assertTrue(seen.size() > 5, "shifts vary: " + seen);
    }

    @Test
    void horizontalFlipMirrorsAboutHalfOfTheImages() {
        INDArray f = Cifar10Data.builder().dataDir(root).horizontalFlip(true).layout(Layout.NCHW).batchSize(TRAIN)
                .build().next().getFeatures();
        int flipped = 0;
        for (int i = 0; i < TRAIN; i++) {
            String t = transformOf(f, i, i, 3, 32, 0);
            flipped += t.endsWith("true") ? 1 : 0;
        }
        assertTrue(flipped > 5 && flipped < TRAIN - 5, flipped + " of " + TRAIN + " flipped");
    }

    @Test
    void seedFixesTheDrawsAndEachEpochDrawsAnew() {
        ImageIteratorBuilder b = MnistData.builder().dataDir(root).layout(Layout.NCHW).batchSize(TRAIN)
                .randomCrop(3).augmentationSeed(11);
        ImageDataIterator first = b.build();
        ImageDataIterator second = b.build();
        INDArray epoch0 = first.next().getFeatures();
        assertEquals(epoch0, second.next().getFeatures());
        first.reset();
        second.reset();
        INDArray epoch1 = first.next().getFeatures();
        assertEquals(epoch1, second.next().getFeatures());
        assertNotEquals(epoch0, epoch1);
        assertNotEquals(epoch0, b.augmentationSeed(12).build().next().getFeatures());
    }

    @Test
    void shiftsWithinThePaddingKeepTheWholeImage() {
        INDArray f = MnistData.builder().dataDir(root).layout(Layout.NCHW).padTo(32).randomCrop(2).batchSize(TRAIN)
                .build().next().getFeatures();
        assertArrayEquals(new long[]{TRAIN, 1, 32, 32}, f.shape());
        Set<Float> corners = new HashSet<>();
        for (int i = 0; i < TRAIN; i++) {
            double source = 0;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    source += pixel(i, 0, y, x) / 255f;
                }
            }
            // a 2-pixel shift inside a 2-pixel border never cuts the 28x28 image
            double shown = f.get(NDArrayIndex.point(i)).castTo(DataType.DOUBLE).sumNumber().doubleValue();
            assertEquals(source, shown, 1e-4, "example " + i); // a lost pixel would cost >= 1/255
            corners.add(f.getFloat(i, 0, 0, 0));
        }
        assertTrue(corners.size() > 1, "some shifts reach the corner of the canvas");
    }

    @Test
    void evaluationSplitsRefuseAugmentation() {
        ImageIteratorBuilder b = MnistData.builder().dataDir(root).randomCrop(2).validationSize(5);
        assertThrows(IllegalStateException.class, () -> b.split(Split.TEST).build());
        assertThrows(IllegalStateException.class, () -> b.split(Split.VALIDATION).build());
        assertEquals(5, b.noAugmentation().split(Split.TEST).build().numExamples());
    }
}
