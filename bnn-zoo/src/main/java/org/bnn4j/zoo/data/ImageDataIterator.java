package org.bnn4j.zoo.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * A {@link DataSetIterator} over images held in memory: float features (flat, NCHW or NHWC) and one-hot labels,
 * built batch by batch from the raw bytes. One pass over the examples is an epoch; {@link #reset()} starts the
 * next one. With a shuffle seed every epoch has its own order, a function of the seed and the epoch number
 * only, so runs are reproducible; augmentation draws work the same way. Build one with
 * {@link ImageIteratorBuilder}.
 *
 * <pre>{@code
 * ImageDataIterator train = MnistData.builder().split(Split.TRAIN).batchSize(100).shuffle(42).build();
 * net.fit(train, 10);                 // DL4J resets it between epochs
 * int batchesPerEpoch = (train.numExamples() + 99) / 100;
 * }</pre>
 */
public final class ImageDataIterator implements DataSetIterator {
    private final LabeledImages data;
    private final int[] selection;
    private final int batchSize;
    private final Long shuffleSeed;
    private final Augmentation augmentation;
    private final long augmentationSeed;
    private final PixelEncoder encoder;
    private final Layout layout;
    private final List<String> labelNames;
    private DataSetPreProcessor preProcessor;

    private int[] order;
    private int cursor;
    private int epoch;
    private Random augmentationRandom;

    /**
     * @param selection   indices into {@code data} this iterator covers, in the order used without shuffling
     * @param shuffleSeed seed of the per-epoch shuffle, or null to keep {@code selection}'s order
     */
    ImageDataIterator(LabeledImages data, int[] selection, int batchSize, Long shuffleSeed,
                      Augmentation augmentation, long augmentationSeed, PixelEncoder encoder, Layout layout,
                      List<String> labelNames) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (labelNames.size() != data.numClasses()) {
            throw new IllegalArgumentException(labelNames.size() + " class names for " + data.numClasses() + " classes");
        }
        this.data = data;
        this.selection = selection.clone();
        this.batchSize = batchSize;
        this.shuffleSeed = shuffleSeed;
        this.augmentation = augmentation;
        this.augmentationSeed = augmentationSeed;
        this.encoder = encoder;
        this.layout = layout;
        this.labelNames = List.copyOf(labelNames);
        startEpoch();
    }

    /** Examples per epoch. */
    public int numExamples() {
        return selection.length;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /** The next {@code num} examples, or fewer at the end of the epoch. */
    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("number of examples must be >= 1, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over: call reset() to start the next one");
        }
        int n = Math.min(num, order.length - cursor);
        int length = encoder.featureLength();
        int classes = data.numClasses();
        float[] features = new float[n * length];
        float[] labels = new float[n * classes];
        for (int k = 0; k < n; k++) {
            int example = order[cursor + k];
            Augmentation.Draw draw = augmentation.enabled()
                    ? augmentation.draw(augmentationRandom) : Augmentation.Draw.IDENTITY;
            encoder.encode(data.pixels, example * data.imageLength(), draw, features, k * length);
            labels[k * classes + data.label(example)] = 1f;
        }
        cursor += n;
        DataSet batch = new DataSet(shaped(features, n), Nd4j.create(labels, new long[]{n, classes}, 'c'));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** The encoder's channel-major features of {@code n} examples in this iterator's layout. */
    private INDArray shaped(float[] features, int n) {
        if (layout == Layout.FLAT) {
            return Nd4j.create(features, new long[]{n, encoder.featureLength()}, 'c');
        }
        INDArray nchw = Nd4j.create(features, new long[]{n, encoder.channels(), encoder.outHeight(), encoder.outWidth()}, 'c');
        return layout == Layout.NCHW ? nchw : nchw.permute(0, 2, 3, 1).dup('c');
    }

    /** Features per example: channels * height * width after padding, in any layout. */
    @Override
    public int inputColumns() {
        return encoder.featureLength();
    }

    @Override
    public int totalOutcomes() {
        return data.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    /**
     * Starts a new epoch. If anything was read since the last reset, the epoch number advances (new shuffle order,
     * new augmentation draws); a reset before reading anything changes nothing.
     */
    @Override
    public void reset() {
        if (cursor > 0) {
            epoch++;
        }
        startEpoch();
    }

    /**
     * Positions the iterator where it would be after {@code examples} examples of epoch {@code epoch} (0-based):
     * the same order and the same augmentation draws as an uninterrupted run, so resuming training needs only
     * these two numbers.
     *
     * <pre>{@code
     * train.seek(3, 200); // the fourth epoch, from its 201st example on
     * }</pre>
     */
    public void seek(int epoch, int examples) {
        if (epoch < 0 || examples < 0 || examples > selection.length) {
            throw new IllegalArgumentException("cannot seek to epoch " + epoch + ", example " + examples
                    + " of " + selection.length);
        }
        this.epoch = epoch;
        startEpoch();
        if (augmentation.enabled()) {
            for (int k = 0; k < examples; k++) {
                augmentation.draw(augmentationRandom); // the draws the skipped examples would have taken
            }
        }
        cursor = examples;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** The class names, indexed by label. */
    @Override
    public List<String> getLabels() {
        return labelNames;
    }

    private void startEpoch() {
        order = selection.clone();
        if (shuffleSeed != null) {
            Seeded.shuffle(order, Seeded.random(shuffleSeed, epoch));
        }
        augmentationRandom = Seeded.random(augmentationSeed, epoch);
        cursor = 0;
    }
}
