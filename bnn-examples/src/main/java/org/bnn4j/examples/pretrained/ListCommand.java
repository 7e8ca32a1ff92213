package org.bnn4j.examples.pretrained;

import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.pretrained.PretrainedModels;
import org.bnn4j.pretrained.ShippedFile;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j list}: the pretrained models shipped in the jars, with their test accuracy (measured on the full
 * test set when they were packaged, by DL4J and by the runtime), sizes and input.
 *
 * <pre>
 * ./bnn4j list
 * ./bnn4j classify --pretrained xnor-resnet20-fashion-mnist shoe.png
 * </pre>
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the shipped pretrained models: test accuracy, file sizes, input.")
public class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        print(PretrainedModels.list(), System.out);
        return 0;
    }

    static void print(List<PretrainedModel> models, PrintStream out) {
        if (models.isEmpty()) {
            out.println("No pretrained models are shipped in this build.");
            return;
        }
        String row = "%-30s %-14s %-14s %6s %7s %7s %9s %9s  %s%n";
        out.printf(Locale.ROOT, row, "name", "model", "data set", "epochs", "DL4J", "runtime", "packed", "DL4J zip", "input");
        for (PretrainedModel m : models) {
            // an unfinished run shipped with --allow-unfinished shows as "2/4"
            String epochs = m.trainingFinished() ? Integer.toString(m.epochs()) : m.epochs() + "/" + m.epochsPlanned();
            out.printf(Locale.ROOT, row, m.name(), m.model(), m.datasetName(), epochs, percent(m.dl4jCorrect(), m),
                    percent(m.runtimeCorrect(), m), size(m.packedFile().bytes()),
                    m.dl4jFile().map(ShippedFile::bytes).map(ListCommand::size).orElse("-"), input(m));
        }
        out.printf(Locale.ROOT, "Test accuracy on each data set's %,d test images, measured on the shipped files. "
                + "Try: ./bnn4j classify --pretrained %s IMAGE.png%n", models.get(0).testExamples(), models.get(0).name());
    }

    private static String percent(int correct, PretrainedModel m) {
        return String.format(Locale.ROOT, "%.2f%%", 100.0 * correct / m.testExamples());
    }

    private static String input(PretrainedModel m) {
        return String.format(Locale.ROOT, "%s: %dx%d grey%s, %s, pixels in [%s, %s]", m.inputDescription(),
                m.imageSide(), m.imageSide(), m.padTo() > 0 ? " padded to " + m.padTo() : "",
                m.lightOnDark() ? "light on black" : "as photographed", trim(m.rangeMin()), trim(m.rangeMax()));
    }

    private static String trim(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }

    static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.2f MiB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
