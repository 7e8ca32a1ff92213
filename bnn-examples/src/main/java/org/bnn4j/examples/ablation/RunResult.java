package org.bnn4j.examples.ablation;

import org.bnn4j.examples.train.Trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ablation reads from a finished train run: validation accuracy per epoch from {@code history.csv} and the
 * test accuracy from the first line of {@code evaluation.txt} ("... test accuracy 97.12% (10000 examples)").
 * Accuracies are fractions.
 *
 * <pre>{@code
 * RunResult r = RunResult.read(Path.of("runs/ablation/wclip-on_dropout-off_gclip-off/seed-1"));
 * r.peakValidationAccuracy(); r.testAccuracy();
 * }</pre>
 */
public record RunResult(List<Double> validationAccuracy, double testAccuracy) {
    private static final Pattern TEST_ACCURACY = Pattern.compile("test accuracy ([0-9]+(?:\\.[0-9]+)?)%");

    /** @throws IOException if a file is missing, or names the file and line that is not in train's format */
    public static RunResult read(Path dir) throws IOException {
        Path csv = dir.resolve(Trainer.HISTORY_CSV);
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).startsWith("epoch,train_loss,validation_loss,validation_accuracy,")) {
            throw new IOException(csv + ": not a train history (its header is not epoch,train_loss,validation_loss,"
                    + "validation_accuracy,...)");
        }
        List<Double> accuracy = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            try {
                accuracy.add(Double.parseDouble(f[3]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(csv + ": line " + (i + 1) + " has no validation accuracy: " + lines.get(i), e);
            }
        }
        if (accuracy.isEmpty()) {
            throw new IOException(csv + ": has no epochs");
        }
        Path evaluation = dir.resolve(AblationRun.EVALUATION);
        String text = Files.readString(evaluation);
        Matcher m = TEST_ACCURACY.matcher(text.lines().findFirst().orElse(""));
        if (!m.find()) {
            throw new IOException(evaluation + ": its first line has no 'test accuracy N%'");
        }
        return new RunResult(List.copyOf(accuracy), Double.parseDouble(m.group(1)) / 100);
    }

    public double peakValidationAccuracy() {
        return validationAccuracy.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
