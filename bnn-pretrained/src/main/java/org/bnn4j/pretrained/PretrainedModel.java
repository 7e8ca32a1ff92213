package org.bnn4j.pretrained;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What is known about a shipped model: what it is, what it takes (input shape, pixel range, padding, polarity),
 * its classes, its test accuracy as the packaging step measured it on the full test set, how it was trained, and
 * its files. Read from {@code org/bnn4j/pretrained/NAME.properties}, written by {@code ./bnn4j package-pretrained}.
 *
 * <pre>{@code
 * PretrainedModel m = PretrainedModels.get("xnor-resnet20-fashion-mnist");
 * m.inputShape();          // [1, 28, 28]
 * m.classNames().get(9);   // "Ankle boot"
 * m.runtimeAccuracy();     // e.g. 0.9012, measured by the runtime on the 10,000 test images
 * m.trainingCommand();     // the ./bnn4j train command that produced it
 * }</pre>
 */
public final class PretrainedModel {
    /** Role of the packed model file (for the runtime). */
    public static final String PACKED = "packed";
    /** Role of the DL4J ModelSerializer zip (for the zoo's {@code initPretrained}). */
    public static final String DL4J = "dl4j";

    private final String name;
    private final String model;
    private final String dataset;
    private final String datasetName;
    private final int[] inputShape;
    private final int imageSide;
    private final int padTo;
    private final float rangeMin;
    private final float rangeMax;
    private final boolean lightOnDark;
    private final List<String> classNames;
    private final int testExamples;
    private final int dl4jCorrect;
    private final int runtimeCorrect;
    private final String trainingCommand;
    private final int epochs;
    private final int epochsPlanned;
    private final double trainingSeconds;
    private final String latents;
    private final ShippedFile packedFile;
    private final ShippedFile dl4jFile;

    private PretrainedModel(Builder b) {
        this.name = required(b.name, "name");
        this.model = required(b.model, "model");
        this.dataset = required(b.dataset, "dataset");
        this.datasetName = required(b.datasetName, "dataset.name");
        this.inputShape = b.inputShape.clone();
        this.imageSide = b.imageSide;
        this.padTo = b.padTo;
        this.rangeMin = b.rangeMin;
        this.rangeMax = b.rangeMax;
        this.lightOnDark = b.lightOnDark;
        this.classNames = List.copyOf(b.classNames);
        this.testExamples = b.testExamples;
        this.dl4jCorrect = b.dl4jCorrect;
        this.runtimeCorrect = b.runtimeCorrect;
        this.trainingCommand = required(b.trainingCommand, "training.command");
        this.epochs = b.epochs;
        this.epochsPlanned = b.epochsPlanned;
        this.trainingSeconds = b.trainingSeconds;
        this.latents = required(b.latents, "latents");
        this.packedFile = b.packedFile;
        this.dl4jFile = b.dl4jFile;
        if (packedFile == null) {
            throw new IllegalArgumentException("no packed model file (file." + PACKED + ")");
        }
        if (!(rangeMax > rangeMin)) {
            throw new IllegalArgumentException("input.range must be min,max with max > min");
        }
        if (inputShape.length != 1 && inputShape.length != 3) {
            throw new IllegalArgumentException("input.shape must be [features] or an image's three sizes");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name models are loaded by, {@code <model>-<dataset>}, e.g. {@code xnor-resnet20-fashion-mnist}. */
    public String name() {
        return name;
    }

    /** The zoo model's name, e.g. {@code xnor-resnet20} (its {@code modelName()}). */
    public String model() {
        return model;
    }

    /** The data set's id, e.g. {@code fashion-mnist}. */
    public String dataset() {
        return dataset;
    }

    /** The data set's display name, e.g. {@code Fashion-MNIST}. */
    public String datasetName() {
        return datasetName;
    }

    /** What the packed model takes: {@code [784]} (flat pixels), {@code [channels, height, width]} or, for a model
     *  imported from Keras, {@code [height, width, channels]}. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The side of the data set's square images before any padding, e.g. 28. */
    public int imageSide() {
        return imageSide;
    }

    /** The side the images were zero-padded to (centred), or 0 for none. */
    public int padTo() {
        return padTo;
    }

    /** The value a black pixel becomes. */
    public float rangeMin() {
        return rangeMin;
    }

    /** The value a white pixel becomes. */
    public float rangeMax() {
        return rangeMax;
    }

    /** Whether the training images were light objects on a black background (MNIST, Fashion-MNIST). */
    public boolean lightOnDark() {
        return lightOnDark;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Size of the test set the accuracies were measured on. */
    public int testExamples() {
        return testExamples;
    }

    /** Test examples the DL4J network (the shipped zip) classified right. */
    public int dl4jCorrect() {
        return dl4jCorrect;
    }

    /** Test examples the runtime (the shipped packed model) classified right. */
    public int runtimeCorrect() {
        return runtimeCorrect;
    }

    public double dl4jAccuracy() {
        return (double) dl4jCorrect / testExamples;
    }

    public double runtimeAccuracy() {
        return (double) runtimeCorrect / testExamples;
    }

    /** The {@code ./bnn4j train} command that trained it. */
    public String trainingCommand() {
        return trainingCommand;
    }

    /** Epochs trained. */
    public int epochs() {
        return epochs;
    }

    /** Epochs the training command asked for: more than {@link #epochs()} when an unfinished run was shipped. */
    public int epochsPlanned() {
        return epochsPlanned;
    }

    /** Whether the run had finished all its epochs when it was packaged. */
    public boolean trainingFinished() {
        return epochs >= epochsPlanned;
    }

    /** Seconds of training (all epochs, validation included), from the run's history. */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /**
     * {@code kept}: the DL4J zip has the trained latent weights; {@code quantized}: its quantized kernels' latent
     * weights were replaced by their quantized values (same outputs, checked on the whole test set when packaged;
     * fine-tuning starts from the quantized values).
     */
    public String latents() {
        return latents;
    }

    public ShippedFile packedFile() {
        return packedFile;
    }

    /** The DL4J zip, if one is shipped for this model. */
    public Optional<ShippedFile> dl4jFile() {
        return Optional.ofNullable(dl4jFile);
    }

    /** The file of a role ({@link #PACKED} or {@link #DL4J}). */
    public Optional<ShippedFile> file(String role) {
        return PACKED.equals(role) ? Optional.of(packedFile) : DL4J.equals(role) ? dl4jFile() : Optional.empty();
    }

    /** "1x28x28" or "784". */
    public String inputDescription() {
        return Arrays.stream(inputShape).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s on %s, input %s, test accuracy %.2f%%)", name, model, datasetName,
                inputDescription(), 100 * runtimeAccuracy());
    }

    /** The metadata file's content. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("model", model);
        p.setProperty("dataset", dataset);
        p.setProperty("dataset.name", datasetName);
        p.setProperty("input.shape", join(inputShape));
        p.setProperty("input.side", Integer.toString(imageSide));
        p.setProperty("input.padTo", Integer.toString(padTo));
        p.setProperty("input.range", rangeMin + "," + rangeMax);
        p.setProperty("input.polarity", lightOnDark ? "light-on-dark" : "dark-on-light");
        p.setProperty("classes", Integer.toString(classNames.size()));
        for (int i = 0; i < classNames.size(); i++) {
            p.setProperty("class." + i, classNames.get(i));
        }
        p.setProperty("test.examples", Integer.toString(testExamples));
        p.setProperty("test.correct.dl4j", Integer.toString(dl4jCorrect));
        p.setProperty("test.correct.runtime", Integer.toString(runtimeCorrect));
        p.setProperty("training.command", trainingCommand);
        p.setProperty("training.epochs", Integer.toString(epochs));
        p.setProperty("training.epochsPlanned", Integer.toString(epochsPlanned));
        p.setProperty("training.seconds", String.format(Locale.ROOT, "%.1f", trainingSeconds));
        p.setProperty("latents", latents);
        putFile(p, PACKED, packedFile);
        if (dl4jFile != null) {
            putFile(p, DL4J, dl4jFile);
        }
        return p;
    }

    /**
     * Parses a metadata file.
     *
     * @throws IllegalArgumentException saying which entry is missing or malformed
     */
    public static PretrainedModel fromProperties(Properties p) {
        Builder b = builder();
        b.name = p.getProperty("name");
        b.model = p.getProperty("model");
        b.dataset = p.getProperty("dataset");
        b.datasetName = p.getProperty("dataset.name");
        b.inputShape = ints(p, "input.shape");
        b.imageSide = ints(p, "input.side")[0];
        b.padTo = ints(p, "input.padTo")[0];
        String[] range = value(p, "input.range").split(",");
        try {
            b.rangeMin = Float.parseFloat(range[0].trim());
            b.rangeMax = Float.parseFloat(range[range.length - 1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("input.range is not min,max: " + p.getProperty("input.range"));
        }
        b.lightOnDark = "light-on-dark".equals(value(p, "input.polarity"));
        int classes = ints(p, "classes")[0];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            names.add(value(p, "class." + i));
        }
        b.classNames = names;
        b.testExamples = ints(p, "test.examples")[0];
        b.dl4jCorrect = ints(p, "test.correct.dl4j")[0];
        b.runtimeCorrect = ints(p, "test.correct.runtime")[0];
        b.trainingCommand = p.getProperty("training.command");
        b.epochs = ints(p, "training.epochs")[0];
        b.epochsPlanned = ints(p, "training.epochsPlanned")[0];
        try {
            b.trainingSeconds = Double.parseDouble(value(p, "training.seconds"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("training.seconds is not a number");
        }
        b.latents = p.getProperty("latents");
        b.packedFile = file(p, PACKED);
        b.dl4jFile = p.containsKey("file." + DL4J) ? file(p, DL4J) : null;
        return b.build();
    }

    private static void putFile(Properties p, String role, ShippedFile f) {
        p.setProperty("file." + role, f.resource());
        p.setProperty("file." + role + ".bytes", Long.toString(f.bytes()));
        p.setProperty("file." + role + ".sha256", f.sha256());
    }

    private static ShippedFile file(Properties p, String role) {
        String key = "file." + role;
        long bytes;
        try {
            bytes = Long.parseLong(value(p, key + ".bytes"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ".bytes is not a whole number");
        }
        return new ShippedFile(value(p, key), bytes, value(p, key + ".sha256"));
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    private static int[] ints(Properties p, String key) {
        try {
            return Arrays.stream(value(p, key).split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a list of whole numbers: " + p.getProperty(key));
        }
    }

    private static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    /** Collects the metadata; the packaging step fills it in from a run and its measurements. */
    public static final class Builder {
        private String name;
        private String model;
        private String dataset;
        private String datasetName;
        private int[] inputShape = new int[0];
        private int imageSide;
        private int padTo;
        private float rangeMin;
        private float rangeMax = 1f;
        private boolean lightOnDark = true;
        private List<String> classNames = List.of();
        private int testExamples;
        private int dl4jCorrect;
        private int runtimeCorrect;
        private String trainingCommand;
        private int epochs;
        private int epochsPlanned;
        private double trainingSeconds;
        private String latents = "kept";
        private ShippedFile packedFile;
        private ShippedFile dl4jFile;

        private Builder() {
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder model(String model) { this.model = model; return this; }
        public Builder dataset(String id, String displayName) { this.dataset = id; this.datasetName = displayName; return this; }
        public Builder inputShape(int... shape) { this.inputShape = shape.clone(); return this; }
        public Builder imageSide(int side) { this.imageSide = side; return this; }
        public Builder padTo(int padTo) { this.padTo = padTo; return this; }
        public Builder range(float min, float max) { this.rangeMin = min; this.rangeMax = max; return this; }
        public Builder lightOnDark(boolean lightOnDark) { this.lightOnDark = lightOnDark; return this; }
        public Builder classNames(List<String> names) { this.classNames = List.copyOf(names); return this; }

        /** Accuracy counts on the full test set, by the DL4J network and by the runtime. */
        public Builder testResults(int examples, int dl4jCorrect, int runtimeCorrect) {
            this.testExamples = examples;
            this.dl4jCorrect = dl4jCorrect;
            this.runtimeCorrect = runtimeCorrect;
            return this;
        }

        /** The training command, the epochs it trained and planned, and the seconds they took. */
        public Builder training(String command, int epochs, int epochsPlanned, double seconds) {
            this.trainingCommand = command;
            this.epochs = epochs;
            this.epochsPlanned = epochsPlanned;
            this.trainingSeconds = seconds;
            return this;
        }

        public Builder latents(String latents) { this.latents = latents; return this; }
        public Builder packedFile(ShippedFile f) { this.packedFile = f; return this; }
        public Builder dl4jFile(ShippedFile f) { this.dl4jFile = f; return this; }

        /** @throws IllegalArgumentException if something required is missing */
        public PretrainedModel build() {
            if (testExamples <= 0) {
                throw new IllegalArgumentException("test.examples must be positive");
            }
            return new PretrainedModel(this);
        }
    }
}
