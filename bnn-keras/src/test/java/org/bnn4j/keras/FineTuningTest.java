package org.bnn4j.keras;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMultiLabel;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.bnn4j.keras.KerasTestModels.config;
import static org.bnn4j.keras.KerasTestModels.input;
import static org.bnn4j.keras.KerasTestModels.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An imported Larq model gains a loss layer and trains on in DL4J, its outputs unchanged until it does. */
class FineTuningTest {
    @TempDir
    Path dir;

    @Test
    void importedLarqModelKeepsItsOutputsThenLearnsAndItsKernelsStayClipped() throws Exception {
        Path file = LarqExampleModels.convNet(dir.resolve("larq.h5"), 28, 1);
        ComputationGraph imported = BnnKerasImport.importModelAndWeights(file);
        DataSet data = quadrants(128, 7);
        INDArray before = imported.outputSingle(data.getFeatures());

        ComputationGraph net = FineTuning.withLoss(imported, new LossMCXENT(), new Adam(1e-2), 42);
        assertTrue(before.equalsWithEps(net.outputSingle(data.getFeatures()), 1e-6), "the softmax moved into the loss");
        double initialLoss = net.score(data);
        for (int i = 0; i < 40; i++) {
            net.fit(data);
        }
        double loss = net.score(data);
        double accuracy = accuracy(net.outputSingle(data.getFeatures()), data.getLabels());
        String progress = "loss " + initialLoss + " -> " + loss + ", accuracy " + accuracy + " (chance: 0.25)";
        assertTrue(Double.isFinite(initialLoss) && loss < 0.5 * initialLoss, progress);
        assertTrue(accuracy > 0.8, progress);
        for (String layer : List.of("stem", "conv", "classifier")) {
            INDArray w = net.getLayer(layer).getParam("W");
            assertTrue(w.amaxNumber().doubleValue() <= 1.0, layer + ": weight_clip keeps latent weights in [-1, 1]");
        }
    }

    @Test
    void logitsGetTheSoftmaxInTheLossLayerAndSequentialModelsWorkToo() throws Exception {
        Path file = new KerasH5Writer(true)
                .layer("InputLayer", "in", input(4))
                .layer("Dense", "d", config("units", 3, "use_bias", false), Map.of("kernel", uniform(1, 4, 3)))
                .write(dir.resolve("logits.h5"));
        MultiLayerNetwork imported = BnnKerasImport.importSequentialModelAndWeights(file);
        INDArray x = uniform(2, 5, 4);
        INDArray logits = imported.output(x);
        MultiLayerNetwork net = FineTuning.withLoss(imported, new LossMCXENT(), new Adam(1e-3), 1);
        INDArray expected = Transforms.softmax(logits, true);
        assertTrue(expected.equalsWithEps(net.output(x), 1e-6));
    }

    @Test
    void aLossOnLogitsRefusesAModelThatEndsWithSoftmax() throws Exception {
        Path file = LarqExampleModels.convNet(dir.resolve("larq.h5"), 28, 1);
        ComputationGraph imported = BnnKerasImport.importModelAndWeights(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FineTuning.withLoss(imported, new LossMultiLabel(), new Adam(1e-3), 1));
        assertTrue(e.getMessage().contains("'softmax' is a softmax"), e.getMessage());
    }

    /** 28x28x1 NHWC images of noise with one bright quadrant; the label is the quadrant (4 of the 10 classes). */
    private static DataSet quadrants(int n, long seed) {
        Random random = new Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, 28, 28, 1);
        INDArray y = Nd4j.create(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            int q = random.nextInt(4);
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    boolean lit = (r < 14) == (q < 2) && (c < 14) == (q % 2 == 0);
                    x.putScalar(new long[]{i, r, c, 0}, (lit ? 0.8f : 0.1f) + 0.2f * random.nextFloat());
                }
            }
            y.putScalar(i, q, 1f);
        }
        return new DataSet(x, y);
    }

    private static double accuracy(INDArray probabilities, INDArray labels) {
        INDArray predicted = probabilities.argMax(1);
        INDArray actual = labels.argMax(1);
        return predicted.eq(actual).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
