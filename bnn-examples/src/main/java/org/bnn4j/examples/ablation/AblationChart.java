package org.bnn4j.examples.ablation;

import org.bnn4j.examples.train.TrainingHistory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ablation.png}: validation accuracy (%) against training iteration, one line per cell, each the mean over
 * its seeds. Iterations rather than epochs so that runs of different batch sizes would share an axis.
 *
 * <pre>{@code
 * AblationChart.write(out.resolve("ablation.png"), "BinaryNet MLP ablation on mnist", results, 550);
 * }</pre>
 */
public final class AblationChart {
    private AblationChart() {
    }

    /** @param iterationsPerEpoch minibatches in one epoch of the training split */
    public static void write(Path file, String title, List<CellResult> results, long iterationsPerEpoch)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(600).title(title)
                .xAxisTitle("training iteration").yAxisTitle("validation accuracy (%)").build();
        for (CellResult r : results) {
            double[] y = r.meanValidationCurve();
            double[] x = new double[y.length];
            for (int e = 0; e < y.length; e++) {
                x[e] = (e + 1.0) * iterationsPerEpoch; // accuracy is measured at the end of each epoch
            }
            chart.addSeries(r.cell().name() + " (n=" + r.runs().size() + ")", x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        TrainingHistory.writePng(file, chart);
    }
}
