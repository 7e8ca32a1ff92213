package org.bnn4j.zoo.data;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real MNIST and Fashion-MNIST files, when {@code scripts/fetch-data.sh} has put them in the data directory
 * (skipped otherwise; the synthetic-file tests cover the readers on their own).
 */
class RealDataTest {
    private static final Path ROOT = DataDirectory.resolve(null);

    private static void assumePresent(ImageDataset dataset) {
        Path dir = dataset.directory(ROOT);
        assumeTrue(Files.exists(dir.resolve("train-images-idx3-ubyte")) || Files.exists(dir.resolve("train-images-idx3-ubyte.gz")),
                dataset.id() + " not in " + dir + "; run scripts/fetch-data.sh");
    }

    @ParameterizedTest
    @EnumSource(value = ImageDataset.class, names = {"MNIST", "FASHION_MNIST"})
    void realFilesHaveTheKnownSizesAndBalancedClasses(ImageDataset dataset) {
        assumePresent(dataset);
        LabeledImages train = dataset.loadTraining(ROOT);
        LabeledImages test = dataset.loadTest(ROOT);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        int[] counts = new int[10];
        for (int i = 0; i < train.size(); i++) {
            counts[train.label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(counts[c] > 5000 && counts[c] < 7000, dataset + " class " + c + ": " + counts[c]);
        }
        // the first training example of each set, as published
        assertEquals(dataset == ImageDataset.MNIST ? 5 : 9, train.label(0));
    }

    @ParameterizedTest
    @EnumSource(value = ImageDataset.class, names = {"MNIST", "FASHION_MNIST"})
    void testSplitIteratesInFullBatches(ImageDataset dataset) {
        assumePresent(dataset);
        ImageDataIterator it = dataset.builder().split(Split.TEST).batchSize(1000).build();
        int batches = 0;
        float max = 0;
        while (it.hasNext()) {
            DataSet batch = it.next();
            assertArrayEquals(new long[]{1000, 784}, batch.getFeatures().shape());
            assertEquals(1000, batch.getLabels().sumNumber().intValue(), "one-hot rows");
            max = Math.max(max, batch.getFeatures().maxNumber().floatValue());
            batches++;
        }
        assertEquals(10, batches);
        assertEquals(1f, max, 1e-6f, "some pixel is white");
    }
}
