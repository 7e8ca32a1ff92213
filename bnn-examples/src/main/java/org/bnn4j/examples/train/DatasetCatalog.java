package org.bnn4j.examples.train;

import org.bnn4j.zoo.data.DataDirectory;
import org.bnn4j.zoo.data.ImageDataIterator;
import org.bnn4j.zoo.data.ImageDataset;
import org.bnn4j.zoo.data.ImageIteratorBuilder;
import org.bnn4j.zoo.data.Layout;
import org.bnn4j.zoo.data.Normalization;
import org.bnn4j.zoo.data.Split;

import java.nio.file.Path;

/**
 * Turns the command line's data options into the three iterators a training run needs: training
 * (shuffled, optionally augmented), validation (held out from the training file) and test.
 */
public final class DatasetCatalog {
    /** Command-line data options. */
    public static final class Options {
        public String dataset = "mnist";
        public Path dataDir;
        /** FLAT for dense networks, NCHW for bnn4j's image networks, NHWC for networks imported from Keras. */
        public Layout layout = Layout.FLAT;
        public int padTo;
        public int batchSize = 100;
        public long seed = 42;
        public int validationSize = 5000;
        public int limit;
        public Normalization normalization = Normalization.ZERO_TO_ONE;
        public boolean augment;
        /** Random rotations up to this many degrees (0: none). */
        public double rotationDegrees;
        /** Intensity jitter fraction (0: none). */
        public double intensityJitter;
    }

    private final ImageDataset dataset;
    private final Options options;
    private final Path dataRoot;

    public DatasetCatalog(Options options) {
        this.options = options;
        this.dataset = ImageDataset.fromId(options.dataset);
        this.dataRoot = DataDirectory.resolve(options.dataDir);
    }

    /** The command line's pixel-range names: {@code 0-1} and {@code -1-1}. */
    public static Normalization parseNormalization(String s) {
        switch (s) {
            case "0-1": return Normalization.ZERO_TO_ONE;
            case "-1-1": return Normalization.MINUS_ONE_TO_ONE;
            default: throw new IllegalArgumentException("--normalize must be 0-1 or -1-1, got " + s);
        }
    }

    public ImageDataset dataset() {
        return dataset;
    }

    public Path dataRoot() {
        return dataRoot;
    }

    /** {channels, height, width} of what the iterators produce (after padding). */
    public int[] imageShape() {
        int side = options.padTo;
        return new int[]{dataset.channels(), side > 0 ? side : dataset.height(), side > 0 ? side : dataset.width()};
    }

    public LabeledData training() {
        ImageIteratorBuilder b = base(Split.TRAIN).shuffle(options.seed);
        if (options.rotationDegrees > 0 || options.intensityJitter > 0) {
            b.randomRotation(options.rotationDegrees).intensityJitter(options.intensityJitter).augmentationSeed(options.seed);
        }
        if (options.augment) {
            b.randomCrop(dataset.height() >= 32 ? 4 : 2).augmentationSeed(options.seed);
            if (dataset == ImageDataset.CIFAR10) {
                b.horizontalFlip(true); // digits and clothes are not mirror-symmetric; CIFAR's objects are
            }
        }
        return wrap(b.build());
    }

    public LabeledData validation() {
        return wrap(base(Split.VALIDATION).build());
    }

    public LabeledData test() {
        ImageIteratorBuilder b = base(Split.TEST);
        return wrap(b.build());
    }

    private ImageIteratorBuilder base(Split split) {
        ImageIteratorBuilder b = dataset.builder().dataDir(dataRoot).split(split).batchSize(options.batchSize)
                .validationSize(options.validationSize).splitSeed(options.seed)
                .normalization(options.normalization)
                .layout(options.layout);
        if (options.padTo > 0) {
            b.padTo(options.padTo);
        }
        if (options.limit > 0) {
            b.limit(options.limit);
        }
        return b;
    }

    private LabeledData wrap(ImageDataIterator it) {
        return new LabeledData(it, it.numExamples(), dataset.classNames());
    }
}
