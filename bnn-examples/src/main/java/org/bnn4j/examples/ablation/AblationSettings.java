package org.bnn4j.examples.ablation;

import org.bnn4j.examples.train.AtomicFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What every run of an ablation shares, and so what must not change between invocations on one {@code --out}: the
 * data set and its split, the training schedule, the width and the "on" values of the tweaks. Which cells and how
 * many seeds are run may change (a rerun with more {@code --seeds} adds runs to the same ablation). Recorded in
 * {@code DIR/ablation.properties}.
 *
 * <pre>{@code
 * AblationSettings s = ...;
 * s.recordIn(out);            // writes ablation.properties, or checks the one there
 * List<String> args = s.trainArgs(seed); // the train options every cell starts from
 * }</pre>
 */
public record AblationSettings(String dataset, int limit, int validation, int epochs, int batch, int width,
                               double learningRate, Double finalLearningRate, double inputDropout,
                               double hiddenDropout, double gradientThreshold) {
    public static final String FILE = "ablation.properties";
    static final String MODEL = "binarynet-mlp";

    /** Option name to value, as train takes them; {@code --lr-final} is "lr/100" when not given (train's default). */
    Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--model", MODEL);
        m.put("--dataset", dataset);
        m.put("--limit", Integer.toString(limit));
        m.put("--validation", Integer.toString(validation));
        m.put("--epochs", Integer.toString(epochs));
        m.put("--batch", Integer.toString(batch));
        m.put("--width", Integer.toString(width));
        m.put("--lr", Double.toString(learningRate));
        m.put("--lr-final", finalLearningRate == null ? "lr/100" : Double.toString(finalLearningRate));
        m.put("--dropout-input", Double.toString(inputDropout));
        m.put("--dropout-hidden", Double.toString(hiddenDropout));
        m.put("--clip-gradients", Double.toString(gradientThreshold));
        return m;
    }

    /** The train options of a run with this seed before its cell's flags (dropout and clipping are off by default). */
    List<String> trainArgs(long seed) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> e : options().entrySet()) {
            boolean tweak = e.getKey().startsWith("--dropout") || e.getKey().equals("--clip-gradients");
            if (!tweak && !(e.getKey().equals("--lr-final") && finalLearningRate == null)) {
                args.add(e.getKey());
                args.add(e.getValue());
            }
        }
        args.addAll(List.of("--seed", Long.toString(seed)));
        return args;
    }

    /**
     * Writes {@link #FILE} into {@code dir} if it has none; otherwise checks that the ablation there was made with
     * these settings, so that its runs and new ones are never mixed in one table.
     *
     * @throws IllegalArgumentException naming the first option that differs
     */
    public void recordIn(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            Properties there = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                there.load(r);
            }
            for (Map.Entry<String, String> e : options().entrySet()) {
                String old = there.getProperty(e.getKey());
                if (!Objects.equals(old, e.getValue())) {
                    throw new IllegalArgumentException("--out " + dir + " holds an ablation made with other options ("
                            + e.getKey() + " " + (old == null ? "unset" : old) + " there, " + e.getValue()
                            + " now; see " + file + "): rerun it with its options or choose another --out");
                }
            }
            return;
        }
        Properties p = new Properties();
        p.putAll(options());
        StringWriter w = new StringWriter();
        p.store(w, "bnn4j ablation: the options every run shares (--seeds and --cells may change between reruns)");
        AtomicFiles.writeString(file, w.toString());
    }
}
