package org.bnn4j.examples.train;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.schedule.ISchedule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The training loop behind {@code ./bnn4j train}: one pass over the training data per epoch with a
 * progress bar, validation after each epoch, the best model kept by validation accuracy, and the history
 * written as CSV and PNG after every epoch (so an interrupted run still leaves its numbers). Files are
 * written atomically: Ctrl-C never corrupts the best checkpoint.
 *
 * <pre>{@code
 * TrainingResult r = new Trainer(System.out).train(network, train, validation, 20, schedule, Path.of("runs/mlp"), "binarynet-mlp", null);
 * }</pre>
 */
public final class Trainer {
    public static final String BEST_MODEL = "best-model.zip";
    public static final String LAST_MODEL = "last-model.zip";
    public static final String HISTORY_CSV = "history.csv";
    public static final String HISTORY_PNG = "history.png";

    private final PrintStream out;

    public Trainer(PrintStream out) {
        this.out = out;
    }

    /** What a finished run produced. */
    public static final class TrainingResult {
        public final TrainingHistory history;
        public final int bestEpoch;
        public final double bestValidationAccuracy;
        public final Path bestModel;
        public final double seconds;

        TrainingResult(TrainingHistory history, int bestEpoch, double bestValidationAccuracy, Path bestModel, double seconds) {
            this.history = history;
            this.bestEpoch = bestEpoch;
            this.bestValidationAccuracy = bestValidationAccuracy;
            this.bestModel = bestModel;
            this.seconds = seconds;
        }
    }

    public TrainingResult train(NetworkAdapter network, LabeledData train, LabeledData validation, int epochs,
                                ISchedule learningRate, Path outDir, String title, DataMetadata metadata) throws IOException {
        ProgressListener progress = new ProgressListener(out);
        network.addListener(progress);
        TrainingHistory history = new TrainingHistory();
        Path best = outDir.resolve(BEST_MODEL);
        int bestEpoch = 0;
        double bestAccuracy = -1;
        long runStart = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double lr = learningRate == null ? Double.NaN : learningRate.valueAt(0, network.epochCount());
            long start = System.nanoTime();
            train.iterator().reset();
            progress.startEpoch(epoch, epochs, train.batches());
            network.fitEpoch(train.iterator());
            double trainLoss = progress.finishEpoch();
            double seconds = (System.nanoTime() - start) / 1e9;

            Evaluation eval = network.evaluate(validation.iterator(), validation.classNames());
            double validationLoss = network.meanLoss(validation.iterator());
            history.add(new TrainingHistory.Epoch(epoch, trainLoss, validationLoss, eval.accuracy(), lr, seconds));
            boolean improved = eval.accuracy() > bestAccuracy;
            if (improved) {
                bestAccuracy = eval.accuracy();
                bestEpoch = epoch;
                network.save(best.toFile(), metadata);
            }
            network.save(outDir.resolve(LAST_MODEL).toFile(), metadata);
            history.writeCsv(outDir.resolve(HISTORY_CSV));
            history.writeChart(outDir.resolve(HISTORY_PNG), title);
            out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  validation loss %.4f  validation accuracy %.2f%%%s  (%.0f s, lr %.2e)%n",
                    epoch, epochs, trainLoss, validationLoss, 100 * eval.accuracy(), improved ? "  [best]" : "", seconds, lr);
        }
        return new TrainingResult(history, bestEpoch, bestAccuracy, best, (System.nanoTime() - runStart) / 1e9);
    }
}
