package org.bnn4j.zoo.data;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Configures and builds an {@link ImageDataIterator} over one split of an {@link ImageDataset}. Get one from
 * {@code MnistData.builder()}, {@code FashionMnistData.builder()}, {@code Cifar10Data.builder()} or
 * {@link ImageDataset#builder()}. Each {@link #build()} reads the files into memory once.
 *
 * <p>Defaults: data directory from {@link DataDirectory} (BNN4J_DATA, else ~/.bnn4j/data), {@link Split#TRAIN},
 * batch size {@value #DEFAULT_BATCH_SIZE}, file order (no shuffling), no validation hold-out, every example,
 * {@link Normalization#ZERO_TO_ONE}, {@link Layout#FLAT}, no padding, no augmentation.
 *
 * <pre>{@code
 * ImageIteratorBuilder mnist = MnistData.builder().dataDir(dir).batchSize(100).validationSize(10_000);
 * DataSetIterator train = mnist.split(Split.TRAIN).shuffle(42).build();
 * DataSetIterator val = mnist.split(Split.VALIDATION).noShuffle().build();
 * DataSetIterator cifar = Cifar10Data.builder().layout(Layout.NCHW).shuffle(7)
 *         .randomCrop(4).horizontalFlip(true).build();
 * }</pre>
 */
public final class ImageIteratorBuilder {
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Seed of the train/validation division unless {@link #splitSeed(long)} says otherwise. */
    public static final long DEFAULT_SPLIT_SEED = 42;
    /** Seed of the augmentation draws unless {@link #augmentationSeed(long)} says otherwise. */
    public static final long DEFAULT_AUGMENTATION_SEED = 0;

    private final ImageDataset dataset;
    private Path dataDir;
    private Split split = Split.TRAIN;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Long shuffleSeed;
    private int validationSize;
    private double validationFraction = Double.NaN;
    private long splitSeed = DEFAULT_SPLIT_SEED;
    private int limit = Integer.MAX_VALUE;
    private Normalization normalization = Normalization.ZERO_TO_ONE;
    private Layout layout = Layout.FLAT;
    private int padTo;
    private int cropPadding;
    private boolean horizontalFlip;
    private double maxRotationDegrees;
    private double intensityJitter;
    private long augmentationSeed = DEFAULT_AUGMENTATION_SEED;

    ImageIteratorBuilder(ImageDataset dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    /** The root data directory (holding {@code mnist/} etc.); null means look it up with {@link DataDirectory}. */
    public ImageIteratorBuilder dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    /** @see #dataDir(Path) */
    public ImageIteratorBuilder dataDir(File dataDir) {
        return dataDir(dataDir == null ? null : dataDir.toPath());
    }

    public ImageIteratorBuilder split(Split split) {
        this.split = Objects.requireNonNull(split, "split");
        return this;
    }

    /** Examples per minibatch; the last one of an epoch may be smaller. */
    public ImageIteratorBuilder batchSize(int batchSize) {
        this.batchSize = requireAtLeast(1, batchSize, "batch size");
        return this;
    }

    /** Shuffle the examples, in a new order every epoch, determined by {@code seed} and the epoch number. */
    public ImageIteratorBuilder shuffle(long seed) {
        this.shuffleSeed = seed;
        return this;
    }

    /** Keep file order (the default). */
    public ImageIteratorBuilder noShuffle() {
        this.shuffleSeed = null;
        return this;
    }

    /** Hold out this many training-file examples as the {@link Split#VALIDATION} split (0: none). */
    public ImageIteratorBuilder validationSize(int examples) {
        this.validationSize = requireAtLeast(0, examples, "validation size");
        this.validationFraction = Double.NaN;
        return this;
    }

    /** Hold out this fraction (0 &lt;= f &lt; 1, rounded to whole examples) of the training files for validation. */
    public ImageIteratorBuilder validationFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
        }
        this.validationFraction = fraction;
        this.validationSize = 0;
        return this;
    }

    /** Seed choosing which examples are held out; train and validation builders must agree on it. */
    public ImageIteratorBuilder splitSeed(long seed) {
        this.splitSeed = seed;
        return this;
    }

    /** Use at most the first {@code examples} examples of the split (in file order), e.g. for quick runs. */
    public ImageIteratorBuilder limit(int examples) {
        this.limit = requireAtLeast(1, examples, "limit");
        return this;
    }

    /** Use every example of the split (the default). */
    public ImageIteratorBuilder noLimit() {
        this.limit = Integer.MAX_VALUE;
        return this;
    }

    public ImageIteratorBuilder normalization(Normalization normalization) {
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        return this;
    }

    public ImageIteratorBuilder layout(Layout layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
        return this;
    }

    /** Centre each image on a {@code side x side} black canvas (e.g. 32 for 28x28 MNIST in a CIFAR-sized net). */
    public ImageIteratorBuilder padTo(int side) {
        this.padTo = requireAtLeast(1, side, "padded size");
        return this;
    }

    /** No padding (the default). */
    public ImageIteratorBuilder noPadding() {
        this.padTo = 0;
        return this;
    }

    /**
     * Augment training data with random crops: pad by {@code padding} black pixels on each side and crop back to
     * the original size at a random offset (a random shift of up to {@code padding} pixels). 0 turns it off.
     */
    public ImageIteratorBuilder randomCrop(int padding) {
        this.cropPadding = requireAtLeast(0, padding, "crop padding");
        return this;
    }

    /** Augment training data by mirroring each image left-right with probability 1/2 (for CIFAR-10, not digits). */
    public ImageIteratorBuilder horizontalFlip(boolean flip) {
        this.horizontalFlip = flip;
        return this;
    }

    /**
     * Augment training data by rotating each image about its centre by a uniform angle in
     * {@code [-maxDegrees, maxDegrees]} (nearest pixel; black where the rotation leaves the image), e.g. 10 for
     * digits. 0 (default) turns it off.
     */
    public ImageIteratorBuilder randomRotation(double maxDegrees) {
        this.maxRotationDegrees = maxDegrees;
        return this;
    }

    /**
     * Augment training data by scaling each image's pixel intensities by a uniform factor in
     * {@code [1 - fraction, 1 + fraction]} (bytes rounded, at most 255), e.g. 0.2. 0 (default) turns it off.
     */
    public ImageIteratorBuilder intensityJitter(double fraction) {
        this.intensityJitter = fraction;
        return this;
    }

    /** Seed of the augmentation draws; with it, each epoch's draws are fixed. */
    public ImageIteratorBuilder augmentationSeed(long seed) {
        this.augmentationSeed = seed;
        return this;
    }

    /** Turns random crops, flips, rotations and intensity jitter off (the default). */
    public ImageIteratorBuilder noAugmentation() {
        this.cropPadding = 0;
        this.horizontalFlip = false;
        this.maxRotationDegrees = 0;
        this.intensityJitter = 0;
        return this;
    }

    /**
     * Reads the split's files and returns the iterator.
     *
     * @throws DataFileException     a file is missing or fails a check (the message says which and how to get it)
     * @throws IllegalStateException augmentation is on for an evaluation split, or VALIDATION without a hold-out
     */
    public ImageDataIterator build() {
        Augmentation augmentation = new Augmentation(cropPadding, horizontalFlip, maxRotationDegrees, intensityJitter);
        if (augmentation.enabled() && split != Split.TRAIN) {
            throw new IllegalStateException("augmentation is for training data only, not the " + split
                    + " split used for evaluation: call noAugmentation() on this builder");
        }
        int outHeight = padTo == 0 ? dataset.height() : padTo;
        int outWidth = padTo == 0 ? dataset.width() : padTo;
        PixelEncoder encoder = new PixelEncoder(dataset.channels(), dataset.height(), dataset.width(),
                outHeight, outWidth, normalization);

        Path root = DataDirectory.resolve(dataDir);
        LabeledImages data = split == Split.TEST ? dataset.loadTest(root) : dataset.loadTraining(root);
        return new ImageDataIterator(data, select(data.size()), batchSize, shuffleSeed, augmentation,
                augmentationSeed, encoder, layout, dataset.classNames());
    }

    private int[] select(int total) {
        int[] part;
        if (split == Split.TEST) {
            part = new int[total];
            Arrays.setAll(part, i -> i);
        } else {
            int heldOut = Double.isNaN(validationFraction) ? validationSize : (int) Math.round(validationFraction * total);
            part = TrainValidationSplit.indices(total, heldOut, splitSeed, split);
        }
        return part.length > limit ? Arrays.copyOf(part, limit) : part;
    }

    private static int requireAtLeast(int min, int value, String what) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
