package org.bnn4j.examples.ablation;

import org.bnn4j.examples.Bnn4j;
import org.bnn4j.examples.cli.MinimumInt;
import org.bnn4j.examples.cli.OutputLocations;
import org.bnn4j.examples.train.AtomicFiles;
import org.bnn4j.examples.train.DataLocation;
import org.bnn4j.examples.train.DatasetCatalog;
import org.bnn4j.examples.train.ScheduleOptions;
import org.bnn4j.zoo.data.Layout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./bnn4j ablation}: the BinaryNet MLP's tweak matrix, weight clipping {on, off} x dropout {off, on} x
 * gradient clipping {off, on}, each cell trained with several seeds by ordinary {@code train} runs in
 * {@code OUT/<cell>/seed-<s>}. Reports per cell the mean, standard deviation and 95% t interval of the seeds' peak
 * validation accuracy and their mean test accuracy: {@code ablation.md} (also printed), {@code ablation.csv} and
 * {@code ablation.png} (mean validation accuracy against iteration, a line per cell).
 *
 * <p>Killed, it continues when run again with the same options: finished runs ({@code evaluation.txt}) are kept,
 * interrupted ones resume from their {@code checkpoint.zip}. An {@code --out} holding an ablation with other options
 * ({@code ablation.properties}) is refused.
 *
 * <pre>
 * ./bnn4j ablation --out runs/ablation                                 # 8 cells x 3 seeds, 5 epochs, MNIST
 * ./bnn4j ablation --out runs/ablation --seeds 5                       # the same, extended to seeds 1-5
 * ./bnn4j ablation --out runs/quick --epochs 2 --width 256 --limit 10000 --cells wclip-on_dropout-off_gclip-off,wclip-off_dropout-off_gclip-off
 * </pre>
 */
@Command(name = "ablation", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = AblationCommand.Defaults.class,
        description = "Train the BinaryNet MLP's tweak matrix (weight clipping x dropout x gradient clipping) with "
                + "several seeds and report mean, sd and 95%% CI of each cell's peak validation accuracy.")
public class AblationCommand implements Callable<Integer> {
    /** Where the ablation's defaults differ from train's: 5 epochs per run (8 cells x 3 seeds of them). */
    public static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            return arg.isOption() && ((CommandLine.Model.OptionSpec) arg).longestName().equals("--epochs") ? "5" : null;
        }
    }

    @Option(names = "--out", required = true, description = "Directory of the ablation: a subdirectory per cell and seed, and the report.")
    Path out;

    @Option(names = "--seeds", defaultValue = "3", converter = MinimumInt.Positive.class,
            description = "Seeds per cell (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed-base", defaultValue = "1", description = "Seeds are seed-base + 0, 1, ... (default: ${DEFAULT-VALUE}).")
    long seedBase;

    @Option(names = "--cells", defaultValue = "all", description = "Comma-separated cells to run, e.g. "
            + "wclip-on_dropout-off_gclip-off,wclip-off_dropout-on_gclip-on (default: ${DEFAULT-VALUE}).")
    String cells;

    @Option(names = "--width", defaultValue = "1024", converter = MinimumInt.Positive.class,
            description = "Hidden width (default: ${DEFAULT-VALUE}).")
    int width;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    DataLocation data;

    @Option(names = "--dropout-input", defaultValue = "0.2", description = "Dropped fraction of inputs where dropout is on (default: ${DEFAULT-VALUE}).")
    double inputDropout;

    @Option(names = "--dropout-hidden", defaultValue = "0.5", description = "Dropped fraction of hidden units where dropout is on (default: ${DEFAULT-VALUE}).")
    double hiddenDropout;

    @Option(names = "--clip-gradients", defaultValue = "1.0", description = "Gradient clipping threshold where it is on (default: ${DEFAULT-VALUE}).")
    double gradientThreshold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        AblationSettings settings = checkedSettings();
        List<Cell> chosen = chosenCells();
        OutputLocations.requireWritableDirectory(out, "--out");
        Files.createDirectories(out);
        settings.recordIn(out);

        List<AblationRun> runs = new ArrayList<>();
        for (Cell cell : chosen) {
            for (int k = 0; k < seeds; k++) {
                runs.add(AblationRun.in(out, cell, seedBase + k));
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            AblationRun run = runs.get(i);
            AblationRun.State state = run.state();
            System.out.printf(Locale.ROOT, "ablation [%d/%d] %s seed %d: %s%n", i + 1, runs.size(), run.cell().name(),
                    run.seed(), switch (state) {
                        case FINISHED -> "finished earlier, kept";
                        case RESUMABLE -> "resuming from its checkpoint";
                        case NEW -> "training";
                    });
            if (state == AblationRun.State.FINISHED) {
                continue;
            }
            // through the app's command line, so a train failure is reported the way ./bnn4j train reports it
            int code = Bnn4j.commandLine().setErr(spec.commandLine().getErr())
                    .execute(run.trainArgs(settings, data.dataDir()).toArray(String[]::new));
            if (code != 0 || run.state() != AblationRun.State.FINISHED) {
                spec.commandLine().getErr().println("bnn4j ablation: the run in " + run.dir() + " did not finish (train"
                        + " exit code " + code + "); the runs before it are kept: rerun the same command to continue");
                return code != 0 ? code : 1;
            }
        }

        List<CellResult> results = new ArrayList<>();
        for (Cell cell : chosen) {
            List<RunResult> done = new ArrayList<>();
            for (AblationRun run : runs) {
                if (run.cell().equals(cell)) {
                    done.add(RunResult.read(run.dir()));
                }
            }
            results.add(new CellResult(cell, done));
        }
        String table = AblationReport.markdown(settings, results);
        AtomicFiles.writeString(out.resolve("ablation.md"), table);
        AtomicFiles.writeString(out.resolve("ablation.csv"), AblationReport.csv(results));
        AblationChart.write(out.resolve("ablation.png"), "BinaryNet MLP ablation on " + schedule.dataset() + " (mean over seeds)",
                results, iterationsPerEpoch());
        System.out.println();
        System.out.print(table);
        System.out.println("written: " + out.resolve("ablation.md") + ", ablation.csv, ablation.png");
        return 0;
    }

    /** The settings, with the values no train run could use rejected before any run starts. */
    private AblationSettings checkedSettings() {
        Double finalLearningRate = schedule.givenFinalLearningRate();
        requireThat(schedule.learningRate() > 0, "--lr must be positive, got " + schedule.learningRate());
        requireThat(finalLearningRate == null || finalLearningRate > 0, "--lr-final must be positive, got " + finalLearningRate);
        requireThat(inputDropout >= 0 && inputDropout < 1, "--dropout-input must be in [0, 1), got " + inputDropout);
        requireThat(hiddenDropout >= 0 && hiddenDropout < 1, "--dropout-hidden must be in [0, 1), got " + hiddenDropout);
        requireThat(inputDropout > 0 || hiddenDropout > 0,
                "--dropout-input and --dropout-hidden are both 0: the dropout cells would equal the others");
        requireThat(gradientThreshold > 0, "--clip-gradients must be positive, got " + gradientThreshold);
        return new AblationSettings(schedule.dataset(), data.limit(), schedule.validation(), schedule.epochs(),
                schedule.batch(), width, schedule.learningRate(), finalLearningRate,
                inputDropout, hiddenDropout, gradientThreshold);
    }

    private List<Cell> chosenCells() {
        try {
            return Cell.parse(cells);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void requireThat(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** Minibatches per epoch of the runs' training split, for the chart's axis: the split train itself makes. */
    private long iterationsPerEpoch() {
        DatasetCatalog.Options d = data.applyTo(new DatasetCatalog.Options());
        d.dataset = schedule.dataset();
        d.validationSize = schedule.validation();
        d.batchSize = schedule.batch();
        d.seed = seedBase;
        d.layout = Layout.FLAT;
        return new DatasetCatalog(d).training().batches();
    }
}
