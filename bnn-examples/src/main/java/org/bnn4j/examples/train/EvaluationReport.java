package org.bnn4j.examples.train;

import org.nd4j.evaluation.classification.Evaluation;

import java.util.Locale;

/** The final evaluation text: headline numbers, per-class metrics and the confusion matrix. */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    private static int classCount(Evaluation evaluation) {
        return evaluation.getConfusionMatrix().getClasses().size();
    }

    /** @param training the run that produced the model, or null when evaluating a saved model */
    public static String format(String model, String dataset, Evaluation evaluation, Trainer.TrainingResult training) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %s: test accuracy %.2f%% (%d examples)%n",
                model, dataset, 100 * evaluation.accuracy(), evaluation.getNumRowCounter()));
        if (training != null) {
            sb.append(String.format(Locale.ROOT, "best validation accuracy %.2f%% at epoch %d of %d; wall time %.0f s%n",
                    100 * training.bestValidationAccuracy, training.bestEpoch, training.history.epochs().size(), training.seconds));
        }
        sb.append(String.format(Locale.ROOT, "%n%-16s %9s %9s %9s %8s%n", "class", "precision", "recall", "F1", "count"));
        for (int c = 0; c < evaluation.getNumRowCounter() && c < classCount(evaluation); c++) {
            sb.append(String.format(Locale.ROOT, "%-16s %9.4f %9.4f %9.4f %8d%n", evaluation.getClassLabel(c),
                    evaluation.precision(c), evaluation.recall(c), evaluation.f1(c), evaluation.classCount(c)));
        }
        sb.append(evaluation.stats(false, true));
        return sb.toString();
    }
}
