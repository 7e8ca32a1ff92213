package org.bnn4j.examples.pretrained;

import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.examples.train.DatasetCatalog;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.data.ImageDataset;
import org.bnn4j.zoo.data.Normalization;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code ./bnn4j classify}: classifies picture files with a packed model on the runtime and prints the most probable
 * classes. Pictures of any size, colour or grey, are prepared as the model's training images were
 * ({@link ImagePreparation}): grey, inverted when dark on light, padded to a square, resized to 28x28 (then padded
 * to 32x32 for a {@code --pad32} model), scaled to the training pixel range.
 *
 * <pre>
 * ./bnn4j classify --pretrained xnor-resnet20-fashion-mnist shoe.png bag.jpg
 * ./bnn4j classify --model digits.bnn --classes mnist --invert yes scan.png
 * </pre>
 */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify PNG/JPEG pictures with a packed model on the runtime; print the top classes.",
                "Each picture becomes what the model was trained on: grey scale; inverted when its border is light "
                        + "(MNIST and Fashion-MNIST are light objects on black: the median of the border pixels "
                        + "decides, see --invert); padded to a square with its background, keeping the aspect; "
                        + "resized to 28x28 by area averaging (a 1x32x32 model: then padded to 32x32, as --pad32 "
                        + "trains); pixel range from the model's metadata (--normalize for a .bnn file).",
                "Best results: one object, centred, filling the picture, on a plain background."})
public class ClassifyCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    PackedModelSource source;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files (any size, colour or grey).")
    List<Path> images;

    @Option(names = "--invert", defaultValue = "auto",
            description = "auto: invert pictures whose border is light (dark on light); yes; no (default: ${DEFAULT-VALUE}).")
    String invert;

    @Option(names = "--top", defaultValue = "3", converter = MinimumInt.Positive.class,
            description = "Classes to print per picture (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--classes", description = "--model only: class names, comma-separated, or mnist, fashion-mnist, "
            + "cifar10 (default: the output indices).")
    String classes;

    @Option(names = "--normalize", description = "--model only: pixel range the model was trained on, 0-1 or -1-1 (default: 0-1).")
    String normalize;

    @Override
    public Integer call() throws Exception {
        ImagePreparation.Invert inversion = ImagePreparation.Invert.parse(invert);
        Optional<PretrainedModel> shipped = source.metadata();
        if (shipped.isPresent() && (classes != null || normalize != null)) {
            throw new IllegalArgumentException("--classes and --normalize are for --model files: "
                    + source.label() + " brings its own (./bnn4j list)");
        }
        try (BnnModel model = source.load()) {
            ImagePreparation preparation = shipped.map(m -> new ImagePreparation(m.imageSide(), m.padTo(),
                    m.rangeMin(), m.rangeMax(), inversion)).orElseGet(() -> forFile(model, inversion));
            List<String> names = shipped.map(PretrainedModel::classNames).orElseGet(() -> classNames(model.outputSize()));
            if (names.size() != model.outputSize()) {
                throw new IllegalArgumentException(source.label() + " has " + model.outputSize() + " outputs but "
                        + names.size() + " class names were given");
            }
            // every picture is read before any is classified: a bad file is reported before any output
            List<ImagePreparation.Prepared> prepared = new ArrayList<>();
            for (Path image : images) {
                prepared.add(preparation.prepare(ImageFiles.read(image)));
            }
            for (int i = 0; i < images.size(); i++) {
                print(System.out, images.get(i), prepared.get(i),
                        TopClasses.of(model, model.predict(prepared.get(i).pixels()), names, top));
            }
        }
        return 0;
    }

    private static void print(PrintStream out, Path image, ImagePreparation.Prepared p, List<TopClasses.Entry> best) {
        out.printf(Locale.ROOT, "%s (%dx%d %s%s):%n", image, p.sourceWidth(), p.sourceHeight(),
                p.colour() ? "colour" : "grey", p.inverted() ? ", dark on light: inverted" : "");
        int width = best.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (int k = 0; k < best.size(); k++) {
            TopClasses.Entry e = best.get(k);
            out.printf(Locale.ROOT, "  %d. %-" + width + "s %6.2f%%%n", k + 1, e.name(), 100 * e.probability());
        }
    }

    /** A .bnn file has no metadata: grey square inputs of 28x28 (or 32x32, padded from 28 as --pad32 does). */
    private ImagePreparation forFile(BnnModel model, ImagePreparation.Invert inversion) {
        int[] shape = model.inputShape();
        // one channel, first or last (a Keras import), is the same row-major S x S pixels
        int side = shape.length == 1 ? (int) Math.round(Math.sqrt(shape[0]))
                : shape.length == 3 && shape[0] == 1 && shape[1] == shape[2] ? shape[1]
                : shape.length == 3 && shape[2] == 1 && shape[0] == shape[1] ? shape[0] : -1;
        if (side < 1 || (shape.length == 1 && side * side != shape[0])) {
            throw new IllegalArgumentException(source.label() + " takes inputs of shape " + Arrays.toString(shape)
                    + "; classify handles grey square images only: [S*S] flat pixels, [1, S, S] or [S, S, 1]");
        }
        Normalization range = DatasetCatalog.parseNormalization(normalize != null ? normalize : "0-1");
        int trained = side == 32 ? 28 : side;
        return new ImagePreparation(trained, side == 32 ? 32 : 0, range.apply(0), range.apply(255), inversion);
    }

    private List<String> classNames(int outputs) {
        if (classes == null) {
            return IntStream.range(0, outputs).mapToObj(Integer::toString).collect(Collectors.toList());
        }
        for (ImageDataset d : ImageDataset.values()) {
            if (d.id().equals(classes)) {
                return d.classNames();
            }
        }
        return Arrays.stream(classes.split(",")).map(String::trim).collect(Collectors.toList());
    }
}
