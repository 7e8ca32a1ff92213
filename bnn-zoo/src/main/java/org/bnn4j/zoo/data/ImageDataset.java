package org.bnn4j.zoo.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The image data sets bnn4j reads from local files: where their files live under the data directory, their
 * image shape and class names, and how to get them. {@link #id()} is both the subdirectory name and the
 * name the command line uses ({@code --dataset mnist|fashion-mnist|cifar10}).
 *
 * <pre>{@code
 * ImageDataset ds = ImageDataset.fromId("fashion-mnist");
 * DataSetIterator test = ds.builder().split(Split.TEST).batchSize(500).build();
 * String name = ds.classNames().get(9); // "Ankle boot"
 * }</pre>
 */
public enum ImageDataset {
    MNIST("mnist", "MNIST", 1, 28,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
    FASHION_MNIST("fashion-mnist", "Fashion-MNIST", 1, 28,
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")),
    CIFAR10("cifar10", "CIFAR-10", CifarBinaryReader.CHANNELS, CifarBinaryReader.SIDE,
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"));

    /** Where the CIFAR-10 archive extracts its files; accepted inside {@code cifar10/}. */
    static final String CIFAR_ARCHIVE_DIR = "cifar-10-batches-bin";

    private final String id;
    private final String displayName;
    private final int channels;
    private final int side;
    private final List<String> classNames;

    ImageDataset(String id, String displayName, int channels, int side, List<String> classNames) {
        this.id = id;
        this.displayName = displayName;
        this.channels = channels;
        this.side = side;
        this.classNames = classNames;
    }

    /** The data set with this id (case-insensitive): {@code mnist}, {@code fashion-mnist} or {@code cifar10}. */
    public static ImageDataset fromId(String id) {
        for (ImageDataset d : values()) {
            if (d.id.equalsIgnoreCase(id.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + id + "', expected one of "
                + Arrays.stream(values()).map(ImageDataset::id).collect(Collectors.joining(", ")));
    }

    /** A builder of iterators over this data set, with the defaults described on {@link ImageIteratorBuilder}. */
    public ImageIteratorBuilder builder() {
        return new ImageIteratorBuilder(this);
    }

    /** Short lowercase name: the subdirectory of the data directory and the command-line name. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Class names, indexed by label. */
    public List<String> classNames() {
        return classNames;
    }

    public int numClasses() {
        return classNames.size();
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return side;
    }

    public int width() {
        return side;
    }

    /** This data set's directory under the root data directory. */
    public Path directory(Path dataRoot) {
        return dataRoot.resolve(id);
    }

    /** Reads the training files (training and validation examples) from {@code directory(dataRoot)}. */
    public LabeledImages loadTraining(Path dataRoot) {
        return load(dataRoot, true);
    }

    /** Reads the test files from {@code directory(dataRoot)}. */
    public LabeledImages loadTest(Path dataRoot) {
        return load(dataRoot, false);
    }

    /** Tells the user how to put this data set's files under {@code dataRoot}. */
    public String howToGet(Path dataRoot) {
        if (this == CIFAR10) {
            return "bnn4j does not download CIFAR-10: download the \"CIFAR-10 binary version\" "
                    + "(cifar-10-binary.tar.gz) from https://www.cs.toronto.edu/~kriz/cifar.html, extract it and put "
                    + "data_batch_1.bin ... data_batch_5.bin and test_batch.bin into " + directory(dataRoot) + ".";
        }
        return "Run scripts/fetch-data.sh " + dataRoot + " (in the bnn4j repository) to download MNIST and "
                + "Fashion-MNIST there.";
    }

    private LabeledImages load(Path dataRoot, boolean training) {
        Path dir = directory(dataRoot);
        try {
            if (this == CIFAR10) {
                return CifarBinaryReader.read(cifarFiles(dir, training));
            }
            String prefix = training ? "train" : "t10k";
            return IdxReader.read(idxFile(dir, prefix + "-images-idx3-ubyte"),
                    idxFile(dir, prefix + "-labels-idx1-ubyte"), side, side, numClasses());
        } catch (DataFileException e) {
            throw e.withAdvice(howToGet(dataRoot));
        }
    }

    private static Path idxFile(Path dir, String name) {
        return DataFiles.firstExisting(List.of(dir.resolve(name), dir.resolve(name + ".gz")));
    }

    private static List<Path> cifarFiles(Path dir, boolean training) {
        List<String> names = new ArrayList<>();
        if (training) {
            for (int i = 1; i <= 5; i++) {
                names.add("data_batch_" + i + ".bin");
            }
        } else {
            names.add("test_batch.bin");
        }
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            files.add(DataFiles.firstExisting(List.of(dir.resolve(name), dir.resolve(CIFAR_ARCHIVE_DIR).resolve(name))));
        }
        return files;
    }
}
