package org.bnn4j.examples.ablation;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ablation's table: per cell, its tweaks, the number of seeds, the mean, standard deviation and 95% interval of
 * the peak validation accuracy, and the mean test accuracy, as Markdown (printed and {@code ablation.md}) and CSV
 * ({@code ablation.csv}, with each seed's peak too). Accuracies in %.
 *
 * <pre>{@code
 * String md = AblationReport.markdown(settings, results);
 * String csv = AblationReport.csv(results);
 * }</pre>
 */
public final class AblationReport {
    private AblationReport() {
    }

    public static String markdown(AblationSettings s, List<CellResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "BinaryNet MLP (3x%d) on %s: %d epochs, batch %d, lr %s%s; "
                        + "dropout when on %s input / %s hidden; gradient clipping when on [-%s, %s]%n%n",
                s.width(), s.dataset(), s.epochs(), s.batch(), s.learningRate(),
                s.finalLearningRate() == null ? "" : " -> " + s.finalLearningRate(),
                s.inputDropout(), s.hiddenDropout(), s.gradientThreshold(), s.gradientThreshold()));
        sb.append("| cell | weight clip | dropout | grad clip | n | peak validation accuracy % (mean) | sd | 95% CI "
                + "| test accuracy % (mean) |\n");
        sb.append("|---|---|---|---|---:|---:|---:|---|---:|\n");
        for (CellResult r : results) {
            Cell c = r.cell();
            Summary p = r.peakValidation();
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.2f | %s | %s | %.2f |%n", c.name(),
                    Cell.onOff(c.weightClip()), Cell.onOff(c.dropout()), Cell.onOff(c.gradientClip()), p.n(), p.mean(),
                    p.hasInterval() ? String.format(Locale.ROOT, "%.2f", p.sd()) : "n/a",
                    p.hasInterval() ? String.format(Locale.ROOT, "[%.2f, %.2f]", p.ciLow(), p.ciHigh()) : "n/a",
                    r.meanTestAccuracy()));
        }
        sb.append("\nPeak validation accuracy: each seed's best epoch. 95% CI of the mean: Student's t with n - 1 "
                + "degrees of freedom; n/a for one seed.\n");
        return sb.toString();
    }

    /** One row per cell; empty fields where one seed has no sd or interval. */
    public static String csv(List<CellResult> results) {
        StringBuilder sb = new StringBuilder("cell,weight_clip,dropout,gradient_clip,n,mean_peak_validation_accuracy_pct,"
                + "sd_pct,ci95_low_pct,ci95_high_pct,mean_test_accuracy_pct,peak_validation_accuracy_pct_by_seed\n");
        for (CellResult r : results) {
            Cell c = r.cell();
            Summary p = r.peakValidation();
            String peaks = r.runs().stream().map(x -> String.format(Locale.ROOT, "%.4f", 100 * x.peakValidationAccuracy()))
                    .collect(Collectors.joining(";"));
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.4f,%s,%s,%s,%.4f,%s%n", c.name(),
                    Cell.onOff(c.weightClip()), Cell.onOff(c.dropout()), Cell.onOff(c.gradientClip()), p.n(), p.mean(),
                    number(p.sd()), number(p.ciLow()), number(p.ciHigh()), r.meanTestAccuracy(), peaks));
        }
        return sb.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
