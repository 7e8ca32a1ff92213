package org.bnn4j.examples.ablation;

import java.util.List;

/**
 * A cell's finished runs, one per seed, and the statistics of their peak validation accuracy (in %).
 *
 * <pre>{@code
 * CellResult r = new CellResult(cell, List.of(RunResult.read(dirOfSeed1), RunResult.read(dirOfSeed2)));
 * r.peakValidation().mean(); r.meanTestAccuracy(); r.meanValidationCurve();
 * }</pre>
 */
public record CellResult(Cell cell, List<RunResult> runs) {
    public CellResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(cell.name() + " has no finished runs");
        }
    }

    /** Of each seed's best epoch, in %: the number the BinaryNet paper's tables compare. */
    public Summary peakValidation() {
        return Summary.of(runs.stream().mapToDouble(r -> 100 * r.peakValidationAccuracy()).toArray());
    }

    /** In %. */
    public double meanTestAccuracy() {
        return 100 * runs.stream().mapToDouble(RunResult::testAccuracy).average().orElseThrow();
    }

    /** Validation accuracy (%) per epoch, averaged over the seeds, up to the epochs every seed has. */
    public double[] meanValidationCurve() {
        int epochs = runs.stream().mapToInt(r -> r.validationAccuracy().size()).min().orElseThrow();
        double[] mean = new double[epochs];
        for (RunResult r : runs) {
            for (int e = 0; e < epochs; e++) {
                mean[e] += 100 * r.validationAccuracy().get(e) / runs.size();
            }
        }
        return mean;
    }
}
