package org.bnn4j.tests.testutil;

import org.bnn4j.export.BnnExporter;
import org.bnn4j.export.ExportedModel;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.runtime.Trace;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports a DL4J network, loads the file into the runtime and compares, example by example: the class (argmax of
 * {@code output()}), the output values, and every intermediate value the runtime computes under a DL4J layer's
 * name, against DL4J's {@code feedForward} activations. ±1 values must be bit-identical to the sign of DL4J's
 * value; real values agree within float32 rounding, measured against the size of the layer's values (the rounding
 * of a sum scales with its terms, not with the result, so a value near 0 in a layer of large values carries the
 * large values' absolute error).
 *
 * <p><b>Undecidable signs.</b> Where a sign is taken of a real value that DL4J computed within float32 rounding of
 * zero, its sign is decided by the order of float operations, not by the model: DL4J's own result changes with the
 * backend's summation order, and an exporter that folds BatchNorm cannot reproduce it. This only happens where
 * binarized values come from real sums (e.g. Bi-Real shortcuts); integer popcounts and thresholds are exact. An
 * example where the runtime's value and DL4J's have different signs, DL4J's being within {@link #UNDECIDABLE} times
 * its layer's RMS of zero, is counted apart ({@link Report#undecidableExamples()}, at most
 * {@link #MAX_UNDECIDABLE_SHARE} of the examples); every other example must agree exactly, and a sign that differs
 * on a clearly non-zero value is a mismatch.
 *
 * <p>At inference DL4J's ActivationLayer (and LossLayer) applies its activation in place on its input array, so
 * a full {@code feedForward} returns the layer before it already activated. Activations are therefore taken
 * from runs that stop at each layer (MultiLayerNetwork), or skipped where an in-place layer reads them
 * (ComputationGraph; the in-place layer's own output is still compared).
 */
public final class RuntimeVsDl4j {
    /** Relative tolerance for real values (float32 sums in a different order, BatchNorm folded into one multiply-add). */
    public static final double REAL_TOLERANCE = 1e-3;
    /** Absolute tolerance for output probabilities. */
    public static final double OUTPUT_TOLERANCE = 1e-4;
    /** A binarized value within this fraction of its layer's RMS of zero has a sign float32 cannot decide. */
    public static final double UNDECIDABLE = 1e-5;
    /** At most this share of examples may flip an undecidable sign. */
    public static final double MAX_UNDECIDABLE_SHARE = 0.01;

    private RuntimeVsDl4j() {
    }

    /** What a comparison found. */
    public record Report(int examples, int undecidableExamples, int classMismatches, double maxOutputError,
                         long bitsCompared, long bitMismatches, long realsCompared, double maxRealError,
                         List<String> layersCompared, List<String> mismatchDetails, ExportedModel exported, BnnModel model) {

        /** Asserts everything the correctness bar asks for. */
        public Report assertAgrees() {
            assertTrue(undecidableExamples <= MAX_UNDECIDABLE_SHARE * examples, undecidableExamples + " of " + examples
                    + " examples flip the sign of a value within float32 rounding of zero");
            assertEquals(0, bitMismatches, "binary activations differ from DL4J's signs: " + mismatchDetails);
            assertEquals(0, classMismatches, "class predictions differ from DL4J's argmax: " + mismatchDetails);
            assertTrue(maxOutputError <= OUTPUT_TOLERANCE, "outputs differ by up to " + maxOutputError + ": " + mismatchDetails);
            assertTrue(maxRealError <= REAL_TOLERANCE, "real activations differ by up to " + maxRealError
                    + " (relative): " + mismatchDetails);
            return this;
        }

        @Override
        public String toString() {
            return String.format("%d examples (%d set aside: sign of a value within rounding of 0): %d class mismatches, max output error "
                            + "%.2e, %d/%d bits differ, %d reals (max error %.2e of the layer's RMS), layers %s", examples,
                    undecidableExamples, classMismatches, maxOutputError, bitMismatches, bitsCompared, realsCompared,
                    maxRealError, layersCompared);
        }
    }

    public static Report compare(MultiLayerNetwork net, InputType inputType, INDArray inputs) throws Exception {
        ExportedModel exported = BnnExporter.convert(net, inputType);
        Map<String, INDArray> activations = new HashMap<>();
        Map<String, INDArray> signInputs = new HashMap<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            List<INDArray> upToLayer = net.feedForwardToLayer(i, inputs, false);
            activations.put(net.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName(), upToLayer.get(i + 1));
            if (i > 0 && SignInputs.binarizesItsInput(net.getLayerWiseConfigurations().getConf(i).getLayer())) {
                signInputs.put(net.getLayerWiseConfigurations().getConf(i - 1).getLayer().getLayerName(), upToLayer.get(i));
            }
        }
        return compare(exported, net.output(inputs, false), activations, signInputs, inputs);
    }

    public static Report compare(ComputationGraph net, InputType inputType, INDArray inputs) throws Exception {
        ExportedModel exported = BnnExporter.convert(net, inputType);
        Map<String, INDArray> activations = new HashMap<>(net.feedForward(inputs, false));
        ComputationGraphConfiguration conf = net.getConfiguration();
        Map<String, INDArray> signInputs = new HashMap<>();
        conf.getVertexInputs().forEach((vertex, vertexInputs) -> {
            if (conf.getVertices().get(vertex) instanceof LayerVertex lv && SignInputs.binarizesItsInput(lv.getLayerConf().getLayer())) {
                vertexInputs.forEach(in -> signInputs.put(in, activations.get(in)));
            }
        });
        conf.getVertexInputs().forEach((vertex, vertexInputs) -> {
            if (conf.getVertices().get(vertex) instanceof LayerVertex lv && (lv.getLayerConf().getLayer() instanceof ActivationLayer
                    || lv.getLayerConf().getLayer() instanceof LossLayer)) {
                vertexInputs.forEach(activations::remove);
            }
        });
        return compare(exported, net.outputSingle(false, inputs), activations, signInputs, inputs);
    }

    private static Report compare(ExportedModel exported, INDArray dl4jOutput, Map<String, INDArray> activations,
                                  Map<String, INDArray> signInputs, INDArray inputs) throws Exception {
        BnnModel model = BnnModel.load(exported.bytes());
        int n = (int) inputs.size(0);
        int undecidable = 0;
        int classMismatches = 0;
        double maxOutputError = 0;
        long bits = 0;
        long bitMismatches = 0;
        long reals = 0;
        double maxRealError = 0;
        List<String> details = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        for (String name : model.opNames()) {
            if (activations.containsKey(name)) {
                compared.add(name);
            }
        }
        for (int i = 0; i < n; i++) {
            float[] x = row(inputs, i);
            Trace trace = model.trace(x);
            SignInputs.Signs signs = SignInputs.check(signInputs, trace, i, UNDECIDABLE);
            if (signs.undecidable()) {
                undecidable++;
                continue;
            }
            bits += signs.compared();
            bitMismatches += signs.mismatches();
            if (signs.firstMismatch() != null) {
                note(details, signs.firstMismatch());
            }
            float[] expected = row(dl4jOutput, i);
            float[] actual = trace.values(model.opNames().get(model.opNames().size() - 1));
            for (int k = 0; k < expected.length; k++) {
                maxOutputError = Math.max(maxOutputError, Math.abs(expected[k] - actual[k]));
            }
            if (argMax(expected) != argMax(actual)) {
                classMismatches++;
                note(details, "example " + i + ": DL4J class " + argMax(expected) + ", runtime " + argMax(actual));
            }
            for (String name : compared) {
                float[] d = row(activations.get(name), i);
                float[] r = trace.values(name);
                assertEquals(d.length, r.length, name + ": size");
                double scale = Math.max(1e-6, SignInputs.rms(d));
                for (int k = 0; k < d.length; k++) {
                    if (trace.isBinary(name)) {
                        bits++;
                        if ((d[k] < 0 ? -1f : 1f) != r[k]) {
                            bitMismatches++;
                            note(details, "example " + i + ", " + name + "[" + k + "]: DL4J " + d[k] + ", runtime " + r[k]);
                        }
                    } else {
                        reals++;
                        double error = Math.abs(d[k] - r[k]) / Math.max(scale, Math.abs(d[k]));
                        if (error > maxRealError) {
                            maxRealError = error;
                            if (error > REAL_TOLERANCE) {
                                note(details, "example " + i + ", " + name + "[" + k + "]: DL4J " + d[k] + ", runtime " + r[k]);
                            }
                        }
                    }
                }
            }
        }
        return new Report(n, undecidable, classMismatches, maxOutputError, bits, bitMismatches, reals, maxRealError,
                compared, details, exported, model);
    }

    private static void note(List<String> details, String s) {
        if (details.size() < 10) {
            details.add(s);
        }
    }

    /** Example {@code i} flattened in C order (channels, height, width). */
    public static float[] row(INDArray batch, int i) {
        INDArray example = batch.slice(i).castTo(DataType.FLOAT).dup('c');
        return example.reshape(example.length()).toFloatVector();
    }

    public static int argMax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) best = k;
        }
        return best;
    }
}
