package org.bnn4j.examples.ablation;

import org.bnn4j.examples.train.Checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One (cell, seed) training run of an ablation, in {@code OUT/<cell>/seed-<seed>}, and what to do with it: nothing
 * if it has its {@code evaluation.txt} (train writes it last), continue it from its {@code checkpoint.zip}, or start
 * it.
 *
 * <pre>{@code
 * AblationRun run = AblationRun.in(out, cell, 1);
 * List<String> train = run.trainArgs(settings, dataDir); // null once finished
 * }</pre>
 */
public record AblationRun(Cell cell, long seed, Path dir) {
    public static final String EVALUATION = "evaluation.txt";

    /** The run of {@code cell} with {@code seed} in the ablation directory {@code out}. */
    public static AblationRun in(Path out, Cell cell, long seed) {
        return new AblationRun(cell, seed, out.resolve(cell.name()).resolve("seed-" + seed));
    }

    /** Where a run stands. */
    public enum State { FINISHED, RESUMABLE, NEW }

    public State state() {
        if (Files.isRegularFile(dir.resolve(EVALUATION))) {
            return State.FINISHED;
        }
        return Checkpoint.exists(dir) ? State.RESUMABLE : State.NEW;
    }

    /**
     * The {@code train} arguments that finish this run, or an empty list if it is finished. A resumed run takes its
     * options from its checkpoint; only the data directory, which may have moved, is given again.
     */
    public List<String> trainArgs(AblationSettings settings, Path dataDir) {
        List<String> args = new ArrayList<>(List.of("train"));
        switch (state()) {
            case FINISHED:
                return List.of();
            case RESUMABLE:
                args.addAll(List.of("--resume", dir.toString()));
                break;
            default:
                args.addAll(settings.trainArgs(seed));
                args.addAll(cell.trainFlags(settings.inputDropout(), settings.hiddenDropout(), settings.gradientThreshold()));
                args.addAll(List.of("--out", dir.toString()));
        }
        if (dataDir != null) {
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        return args;
    }
}
