package org.bnn4j.spark;

import org.bnn4j.export.BnnExporter;
import org.bnn4j.runtime.BnnModel;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports a trained network (org.bnn4j.export) and compares the packed runtime's outputs with DL4J's, example by
 * example. A sign taken of a real sum within float32 rounding of zero may legitimately differ (the runtime folds
 * BatchNorm and sums in another order), so up to 1% of the examples may disagree; the rest must match DL4J's
 * probabilities within 1e-4 (the bnn-tests equivalence bar).
 */
final class RuntimeAgreement {
    private RuntimeAgreement() {
    }

    static void assertAgrees(MultiLayerNetwork net, int inputs, INDArray features, Path dir) throws IOException {
        Path file = dir.resolve("model.bnn");
        BnnExporter.export(net, InputType.feedForward(inputs), file);
        float[][] x = features.toFloatMatrix();
        float[][] dl4j = net.output(features).toFloatMatrix();
        float[][] runtime;
        try (BnnModel model = BnnModel.load(file)) {
            runtime = model.predict(x);
        }
        int disagreeing = 0;
        for (int e = 0; e < x.length; e++) {
            double maxError = 0;
            for (int c = 0; c < dl4j[e].length; c++) {
                maxError = Math.max(maxError, Math.abs(dl4j[e][c] - runtime[e][c]));
            }
            if (maxError > 1e-4) {
                disagreeing++;
            }
        }
        assertTrue(disagreeing <= 0.01 * x.length, disagreeing + " of " + x.length
                + " examples: the runtime's outputs differ from DL4J's by more than 1e-4");
    }
}
