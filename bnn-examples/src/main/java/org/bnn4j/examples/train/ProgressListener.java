package org.bnn4j.examples.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar per epoch: iterations done, current loss, examples per second and the ETA. On a terminal
 * it redraws in place; in a log (CI, redirected output) it prints a line every few seconds instead.
 */
public final class ProgressListener extends BaseTrainingListener {
    private final PrintStream out;
    private ProgressBar bar;
    private long examples;
    private long startNanos;
    private double lossSum;
    private long lossCount;

    public ProgressListener(PrintStream out) {
        this.out = out;
    }

    /** Starts the bar for one epoch of {@code iterations} minibatches. */
    public void startEpoch(int epoch, int epochs, long iterations) {
        startEpoch(epoch, epochs, iterations, 0, 0, 0);
    }

    /**
     * Starts the bar for an epoch resumed after {@code done} of its minibatches, whose losses summed to
     * {@code lossSum} over {@code lossCount} finite values: the epoch's mean loss comes out as if never interrupted.
     */
    public void startEpoch(int epoch, int epochs, long iterations, long done, double lossSum, long lossCount) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                .setInitialMax(iterations)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" it", 1)
                .showSpeed();
        if (System.console() != null) {
            builder.setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250);
        } else {
            builder.setConsumer(new DelegatingProgressBarConsumer(out::println)).setUpdateIntervalMillis(15_000);
        }
        bar = builder.build();
        bar.stepTo(done);
        examples = 0;
        this.lossSum = lossSum;
        this.lossCount = lossCount;
        startNanos = System.nanoTime();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (bar == null) {
            return;
        }
        examples += model.batchSize();
        double loss = model.score();
        if (Double.isFinite(loss)) {
            lossSum += loss;
            lossCount++;
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f  %.0f ex/s", loss, examples / seconds));
        bar.step();
    }

    /** The sum of this epoch's finite losses so far. */
    public double lossSum() {
        return lossSum;
    }

    /** How many finite losses {@link #lossSum()} adds up. */
    public long lossCount() {
        return lossCount;
    }

    /** Closes the bar; returns the epoch's mean training loss. */
    public double finishEpoch() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        return lossCount == 0 ? Double.NaN : lossSum / lossCount;
    }
}
