package org.bnn4j.examples.train;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Per-epoch numbers of a training run, written as CSV and drawn as a PNG chart. */
public final class TrainingHistory {

    /** One epoch: mean training loss, validation loss and accuracy, learning rate, wall seconds. */
    public static final class Epoch {
        public final int epoch;
        public final double trainLoss;
        public final double validationLoss;
        public final double validationAccuracy;
        public final double learningRate;
        public final double seconds;

        public Epoch(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
                     double learningRate, double seconds) {
            this.epoch = epoch;
            this.trainLoss = trainLoss;
            this.validationLoss = validationLoss;
            this.validationAccuracy = validationAccuracy;
            this.learningRate = learningRate;
            this.seconds = seconds;
        }
    }

    private final List<Epoch> epochs = new ArrayList<>();

    public void add(Epoch e) {
        epochs.add(e);
    }

    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder("epoch,train_loss,validation_loss,validation_accuracy,learning_rate,seconds\n");
        for (Epoch e : epochs) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.3e,%.1f%n",
                    e.epoch, e.trainLoss, e.validationLoss, e.validationAccuracy, e.learningRate, e.seconds));
        }
        return sb.toString();
    }

    public void writeCsv(Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv());
    }

    /** Loss curves and validation accuracy (%) per epoch, one chart, two y axes. */
    public void writeChart(Path file, String title) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("epoch").build();
        chart.setYAxisGroupTitle(0, "loss");
        chart.setYAxisGroupTitle(1, "validation accuracy (%)");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        double[] x = column(e -> e.epoch);
        chart.addSeries("train loss", x, column(e -> e.trainLoss)).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("validation loss", x, column(e -> e.validationLoss)).setMarker(SeriesMarkers.DIAMOND);
        XYSeries accuracy = chart.addSeries("validation accuracy", x, column(e -> 100 * e.validationAccuracy));
        accuracy.setYAxisGroup(1);
        accuracy.setMarker(SeriesMarkers.SQUARE);
        writePng(file, chart);
    }

    /** Writes a chart as a PNG file, atomically. */
    public static void writePng(Path file, XYChart chart) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }

    private double[] column(java.util.function.ToDoubleFunction<Epoch> f) {
        return epochs.stream().mapToDouble(f).toArray();
    }
}
