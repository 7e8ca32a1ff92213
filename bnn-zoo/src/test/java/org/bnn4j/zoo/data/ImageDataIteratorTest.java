package org.bnn4j.zoo.data;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import static org.bnn4j.zoo.data.SyntheticFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** Minibatches as DL4J expects them: shapes, exact values, one-hot labels, batch and epoch semantics. */
class ImageDataIteratorTest {
    private static final int TRAIN = 50;
    private static final int TEST = 20;

    @TempDir
    Path root;

    @BeforeEach
    void writeFiles() {
        writeIdxSet(root.resolve("mnist"), TRAIN, TEST, true);
        writeCifarSet(root.resolve("cifar10"), 4, 6);
    }

    private ImageIteratorBuilder mnist() {
        return MnistData.builder().dataDir(root);
    }

    @Test
    void flatMnistBatchHoldsPixelsOverTwoFiftyFiveAndOneHotLabels() {
        ImageDataIterator it = mnist().batchSize(8).build();
        DataSet batch = it.next();
        assertArrayEquals(new long[]{8, 784}, batch.getFeatures().shape());
        assertArrayEquals(new long[]{8, 10}, batch.getLabels().shape());
        for (int k = 0; k < 8; k++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    assertEquals(pixel(k, 0, y, x) / 255f, batch.getFeatures().getFloat(k, y * 28 + x), 1e-6f);
                }
            }
            for (int c = 0; c < 10; c++) {
                assertEquals(c == label(k) ? 1f : 0f, batch.getLabels().getFloat(k, c), "example " + k + " class " + c);
            }
        }
    }

    @Test
    void minusOneToOneNormalisationMapsBlackAndWhiteToTheEnds() {
        DataSet all = mnist().normalization(Normalization.MINUS_ONE_TO_ONE).batchSize(TRAIN).build().next();
        INDArray f = all.getFeatures();
        assertEquals(-1f, f.minNumber().floatValue(), 1e-6f);
        assertEquals(1f, f.maxNumber().floatValue(), 1e-6f);
        assertEquals(pixel(3, 0, 5, 7) / 127.5f - 1f, f.getFloat(3, 5 * 28 + 7), 1e-6f);
    }

    @Test
    void zeroToOneNormalisationStaysInTheUnitInterval() {
        INDArray f = mnist().batchSize(TRAIN).build().next().getFeatures();
        assertEquals(0f, f.minNumber().floatValue(), 1e-6f);
        assertEquals(1f, f.maxNumber().floatValue(), 1e-6f);
    }

    @Test
    void nchwLayoutKeepsChannelsRowsAndColumns() {
        DataSet batch = Cifar10Data.builder().dataDir(root).layout(Layout.NCHW).batchSize(5).build().next();
        assertArrayEquals(new long[]{5, 3, 32, 32}, batch.getFeatures().shape());
        for (int c = 0; c < 3; c++) {
            assertEquals(pixel(4, c, 17, 30) / 255f, batch.getFeatures().getFloat(4, c, 17, 30), 1e-6f);
        }
        assertEquals(1f, batch.getLabels().getFloat(4, label(4)));
    }

    @Test
    void nhwcLayoutPutsChannelsLastAsKerasDoes() {
        DataSet batch = Cifar10Data.builder().dataDir(root).layout(Layout.NHWC).batchSize(5).build().next();
        assertArrayEquals(new long[]{5, 32, 32, 3}, batch.getFeatures().shape());
        for (int c = 0; c < 3; c++) {
            assertEquals(pixel(4, c, 17, 30) / 255f, batch.getFeatures().getFloat(4, 17, 30, c), 1e-6f);
        }
        // a flat view of one example is row, column, channel: what a Keras model flattens and the runtime takes
        float[] flat = batch.getFeatures().reshape('c', 5, 32 * 32 * 3).getRow(2).toFloatVector();
        assertEquals(pixel(2, 1, 3, 4) / 255f, flat[(3 * 32 + 4) * 3 + 1], 1e-6f);
    }

    @Test
    void flatCifarIsChannelMajorLikeDl4jsConvolutionalFlatInput() {
        DataSet batch = Cifar10Data.builder().dataDir(root).batchSize(2).build().next();
        assertArrayEquals(new long[]{2, 3072}, batch.getFeatures().shape());
        assertEquals(pixel(1, 2, 3, 4) / 255f, batch.getFeatures().getFloat(1, 2 * 1024 + 3 * 32 + 4), 1e-6f);
    }

    @Test
    void paddingCentresTheImageOnABlackCanvas() {
        ImageDataIterator it = mnist().layout(Layout.NCHW).padTo(32).normalization(Normalization.MINUS_ONE_TO_ONE)
                .batchSize(3).build();
        assertEquals(1024, it.inputColumns());
        INDArray f = it.next().getFeatures();
        assertArrayEquals(new long[]{3, 1, 32, 32}, f.shape());
        for (int k = 0; k < 3; k++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                    float expected = inside ? pixel(k, 0, y - 2, x - 2) / 127.5f - 1f : -1f;
                    assertEquals(expected, f.getFloat(k, 0, y, x), 1e-6f, "(" + y + ", " + x + ")");
                }
            }
        }
    }

    @Test
    void batchesCoverTheEpochThenItEndsUntilReset() {
        ImageDataIterator it = mnist().batchSize(16).build();
        assertEquals(TRAIN, it.numExamples());
        int[] sizes = new int[4];
        for (int b = 0; b < 4; b++) {
            assertTrue(it.hasNext());
            sizes[b] = it.next().numExamples();
        }
        assertArrayEquals(new int[]{16, 16, 16, 2}, sizes);
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        it.reset();
        assertTrue(it.hasNext());
        assertEquals(16, it.next().numExamples());
    }

    @Test
    void nextWithACountOverridesTheBatchSize() {
        ImageDataIterator it = mnist().batchSize(16).build();
        DataSet three = it.next(3);
        assertEquals(3, three.numExamples());
        assertEquals(pixel(3, 0, 0, 0) / 255f, it.next(1).getFeatures().getFloat(0, 0), 1e-6f, "continues at example 3");
        assertThrows(IllegalArgumentException.class, () -> it.next(0));
    }

    @Test
    void reportsWhatDl4jAsks() {
        ImageDataIterator it = MnistData.builder().dataDir(root).batchSize(7).split(Split.TEST).build();
        assertEquals(784, it.inputColumns());
        assertEquals(10, it.totalOutcomes());
        assertEquals(7, it.batch());
        assertTrue(it.resetSupported());
        assertTrue(it.asyncSupported());
        assertEquals(MnistData.classNames(), it.getLabels());
        assertEquals("7", it.getLabels().get(7));
        assertEquals(TEST, it.numExamples());
    }

    @Test
    void fashionMnistIteratorReadsTheFashionDirectoryAndNamesItsClasses() {
        writeIdxSet(root.resolve("fashion-mnist"), 9, 3, false);
        ImageDataIterator it = FashionMnistData.builder().dataDir(root).split(Split.TEST).build();
        assertEquals(3, it.numExamples());
        assertEquals("Ankle boot", it.getLabels().get(9));
        assertEquals("T-shirt/top", it.getLabels().get(0));
        assertEquals("truck", Cifar10Data.classNames().get(9));
    }

    @Test
    void userPreProcessorSeesEveryBatch() {
        ImageDataIterator it = mnist().batchSize(TRAIN).build();
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));
        assertNotNull(it.getPreProcessor());
        assertEquals(2 * pixel(1, 0, 0, 1) / 255f, it.next().getFeatures().getFloat(1, 1), 1e-6f);
    }

    @Test
    void limitKeepsTheFirstExamplesOfTheSplit() {
        ImageDataIterator it = mnist().split(Split.TEST).limit(5).batchSize(100).build();
        assertEquals(5, it.numExamples());
        DataSet all = it.next();
        assertEquals(5, all.numExamples());
        assertEquals(pixel(1004, 0, 0, 0) / 255f, all.getFeatures().getFloat(4, 0), 1e-6f);
    }

    @Test
    void builderRejectsBadOptionsAtOnce() {
        ImageIteratorBuilder b = mnist();
        assertThrows(IllegalArgumentException.class, () -> b.batchSize(0));
        assertThrows(IllegalArgumentException.class, () -> b.limit(0));
        assertThrows(IllegalArgumentException.class, () -> b.validationFraction(1.0));
        assertThrows(IllegalArgumentException.class, () -> b.randomCrop(-1));
        assertThrows(IllegalArgumentException.class, () -> b.padTo(20).build(), "padding cannot shrink 28x28");
        assertThrows(IllegalArgumentException.class, () -> ImageDataset.fromId("imagenet"));
        assertEquals(ImageDataset.FASHION_MNIST, ImageDataset.fromId("Fashion-MNIST"));
    }

    @Test
    void trainsAndEvaluatesInDl4j() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(784))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ImageDataIterator train = mnist().batchSize(10).shuffle(3).build();
        net.fit(train, 2); // through DL4J's asynchronous prefetching wrapper, with a reset between epochs
        assertTrue(Double.isFinite(net.score()));
        Evaluation eval = net.evaluate(mnist().split(Split.TEST).batchSize(6).build());
        assertEquals(TEST, eval.getNumRowCounter());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), eval.getLabelsList());
    }

    @Test
    void seekGivesTheBatchesAnUninterruptedRunReadsWithShuffleAndAugmentation() {
        ImageIteratorBuilder b = mnist().split(Split.TRAIN).validationSize(10).batchSize(6).shuffle(7).randomCrop(2).augmentationSeed(9);
        ImageDataIterator uninterrupted = b.build();
        while (uninterrupted.hasNext()) {
            uninterrupted.next();
        }
        uninterrupted.reset(); // epoch 1
        uninterrupted.next();
        uninterrupted.next();
        ImageDataIterator resumed = b.build();
        resumed.seek(1, 12);
        while (uninterrupted.hasNext()) {
            DataSet expected = uninterrupted.next();
            DataSet actual = resumed.next();
            assertEquals(expected.getFeatures(), actual.getFeatures());
            assertEquals(expected.getLabels(), actual.getLabels());
        }
        assertFalse(resumed.hasNext());
        assertThrows(IllegalArgumentException.class, () -> resumed.seek(0, TRAIN));
    }
}
