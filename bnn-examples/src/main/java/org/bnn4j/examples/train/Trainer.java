package org.bnn4j.examples.train;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The training loop behind {@code ./bnn4j train}: one pass over the training data per epoch with a
 * progress bar, validation after each epoch, the best model kept by validation accuracy, and the history
 * written as CSV and PNG after every epoch (so an interrupted run still leaves its numbers). Files are
 * written atomically: Ctrl-C never corrupts the best checkpoint. With {@link #checkpoints} it also leaves a
 * {@link Checkpoint} after every epoch (and every N minibatches) that {@link #resumeFrom} continues exactly.
 *
 * <pre>{@code
 * TrainingResult r = new Trainer(System.out).train(network, train, validation, 20, schedule, Path.of("runs/mlp"), "binarynet-mlp", null);
 * new Trainer(System.out).seed(42).checkpoints(run, 50).resumeFrom(checkpoint.state)
 *         .train(checkpoint.network, train, validation, 20, schedule, dir, "binarynet-mlp", metadata);
 * }</pre>
 */
public final class Trainer {
    public static final String BEST_MODEL = "best-model.zip";
    public static final String LAST_MODEL = "last-model.zip";
    public static final String HISTORY_CSV = "history.csv";
    public static final String HISTORY_PNG = "history.png";

    private final PrintStream out;
    private long seed = 42;
    private Checkpoint.Run run;
    private int checkpointEvery;
    private TrainingState start = TrainingState.fresh();
    private MinibatchFitter fitter = MinibatchFitter.LOCAL;

    public Trainer(PrintStream out) {
        this.out = out;
    }

    /** Seeds ND4J's generator (dropout) before every minibatch from (seed, iteration): a resumed run draws the same. */
    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Writes {@link Checkpoint#FILE} after every epoch and, if {@code everyBatches > 0}, every that many minibatches. */
    public Trainer checkpoints(Checkpoint.Run run, int everyBatches) {
        this.run = run;
        this.checkpointEvery = everyBatches;
        return this;
    }

    /** Trains through {@code fitter} (e.g. on Spark) instead of one local step per minibatch. */
    public Trainer fitter(MinibatchFitter fitter) {
        this.fitter = fitter;
        return this;
    }

    /** Continues from a checkpoint's position instead of the beginning. */
    public Trainer resumeFrom(TrainingState state) {
        this.start = state;
        return this;
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
        start.history.forEach(history::add);
        Path best = outDir.resolve(BEST_MODEL);
        int bestEpoch = start.bestEpoch;
        double bestAccuracy = start.bestAccuracy;
        long runStart = System.nanoTime();
        for (int epoch = start.epochsDone + 1; epoch <= epochs; epoch++) {
            double lr = learningRate == null ? Double.NaN : learningRate.valueAt(0, network.epochCount());
            long begin = System.nanoTime();
            boolean resumed = epoch == start.epochsDone + 1;
            long batch = resumed ? start.batchesDone : 0;
            train.startEpoch(epoch - 1, batch);
            progress.startEpoch(epoch, epochs, train.batches(), batch,
                    resumed ? start.lossSum : 0, resumed ? start.lossCount : 0);
            DataSetIterator it = train.iterator();
            while (it.hasNext()) {
                Nd4j.getRandom().setSeed(new SplittableRandom(seed + network.iterationCount()).nextLong());
                fitter.fit(network, it.next());
                batch++;
                if (run != null && checkpointEvery > 0 && batch % checkpointEvery == 0 && it.hasNext()) {
                    fitter.flush(network); // the checkpoint's position counts only minibatches trained on
                    Checkpoint.write(outDir, network, metadata, run, new TrainingState(epoch - 1, batch,
                            progress.lossSum(), progress.lossCount(), bestEpoch, bestAccuracy, history.epochs()));
                }
            }
            fitter.flush(network);
            network.endEpoch();
            double trainLoss = progress.finishEpoch();
            double seconds = (System.nanoTime() - begin) / 1e9;

            NetworkAdapter.Validation checked = network.validate(validation.iterator(), validation.classNames());
            Evaluation eval = checked.evaluation();
            double validationLoss = checked.meanLoss();
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
            if (run != null) { // last: a crash before this line replays the epoch, whose files come out the same
                Checkpoint.write(outDir, network, metadata, run,
                        new TrainingState(epoch, 0, 0, 0, bestEpoch, bestAccuracy, history.epochs()));
            }
            // no learning rate to print when the optimizer sets its own step (Deep Frank-Wolfe)
            String rate = Double.isNaN(lr) ? "" : String.format(Locale.ROOT, ", lr %.2e", lr);
            out.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f  validation loss %.4f  validation accuracy %.2f%%%s  (%.0f s%s)%n",
                    epoch, epochs, trainLoss, validationLoss, 100 * eval.accuracy(), improved ? "  [best]" : "", seconds, rate);
        }
        return new TrainingResult(history, bestEpoch, bestAccuracy, best, (System.nanoTime() - runStart) / 1e9);
    }
}
