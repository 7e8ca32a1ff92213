package org.bnn4j.nn.lossfunctions;

import org.bnn4j.nn.testutil.HingeReference;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Value and gradient against the paper's formula in plain Java, and against a numerical gradient. */
class LossMultiClassHingeTest {

    private static final int ROWS = 6;
    private static final int CLASSES = 5;

    private static int[] classes(long seed) {
        Random r = new Random(seed);
        int[] y = new int[ROWS];
        for (int i = 0; i < ROWS; i++) y[i] = r.nextInt(CLASSES);
        return y;
    }

    private static INDArray oneHot(int[] y) {
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, y.length, CLASSES);
        for (int i = 0; i < y.length; i++) labels.putScalar(i, y[i], 1.0);
        return labels;
    }

    private static INDArray scores(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, ROWS, CLASSES).subi(0.5).muli(4); // in [-2, 2]: some rows with zero loss
    }

    private static void checkAgainstReference(double margin, double tau) {
        INDArray s = scores(11);
        int[] y = classes(3);
        INDArray labels = oneHot(y);
        LossMultiClassHinge loss = new LossMultiClassHinge(margin, tau);
        IActivation identity = Activation.IDENTITY.getActivationFunction();

        INDArray scoreArray = loss.computeScoreArray(labels, s, identity, null);
        INDArray gradient = loss.computeGradient(labels, s, identity, null);
        double total = 0;
        for (int i = 0; i < ROWS; i++) {
            double[] row = s.getRow(i).toDoubleVector();
            double expected = HingeReference.loss(row, y[i], margin, tau);
            total += expected;
            assertEquals(expected, scoreArray.getDouble(i, 0), 1e-12, "loss of row " + i);
            assertArrayEquals(HingeReference.gradient(row, y[i], margin, tau), gradient.getRow(i).toDoubleVector(), 1e-12,
                    "gradient of row " + i);
        }
        assertEquals(total, loss.computeScore(labels, s, identity, null, false), 1e-12);
        assertEquals(total / ROWS, loss.computeScore(labels, s, identity, null, true), 1e-12);
        Pair<Double, INDArray> both = loss.computeGradientAndScore(labels, s, identity, null, true);
        assertEquals(total / ROWS, both.getFirst(), 1e-12);
        assertEquals(gradient, both.getSecond());
    }

    @Test
    void plainHingeEqualsTheDefinition() {
        checkAgainstReference(1.0, 0.0);
        checkAgainstReference(0.5, 0.0);
    }

    @Test
    void smoothedHingeEqualsTheDefinition() {
        checkAgainstReference(1.0, 0.5);
        checkAgainstReference(1.0, 0.05);
    }

    /** Central differences of the summed score, through a tanh activation (so backprop is exercised too). */
    private static void checkNumericalGradient(LossMultiClassHinge loss) {
        INDArray pre = scores(5);
        INDArray labels = oneHot(classes(8));
        IActivation tanh = Activation.TANH.getActivationFunction();
        INDArray analytic = loss.computeGradient(labels, pre, tanh, null);
        double h = 1e-6;
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < CLASSES; j++) {
                INDArray plus = pre.dup();
                plus.putScalar(i, j, pre.getDouble(i, j) + h);
                INDArray minus = pre.dup();
                minus.putScalar(i, j, pre.getDouble(i, j) - h);
                double numeric = (loss.computeScore(labels, plus, tanh, null, false)
                        - loss.computeScore(labels, minus, tanh, null, false)) / (2 * h);
                assertEquals(numeric, analytic.getDouble(i, j), 1e-6, "dL/dz[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void gradientMatchesNumericalGradient() {
        checkNumericalGradient(new LossMultiClassHinge());
        checkNumericalGradient(new LossMultiClassHinge(1.0, 0.3));
    }

    @Test
    void perExampleMasksZeroMaskedRows() {
        INDArray s = scores(2);
        INDArray labels = oneHot(classes(2));
        IActivation identity = Activation.IDENTITY.getActivationFunction();
        LossMultiClassHinge loss = new LossMultiClassHinge(1.0, 0.2);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, ROWS, 1);
        mask.putScalar(1, 0, 0.0);
        INDArray unmasked = loss.computeScoreArray(labels, s, identity, null);
        INDArray masked = loss.computeScoreArray(labels, s, identity, mask);
        INDArray gradient = loss.computeGradient(labels, s, identity, mask);
        assertEquals(0.0, masked.getDouble(1, 0));
        assertEquals(0.0, gradient.getRow(1).amaxNumber().doubleValue());
        assertEquals(unmasked.getDouble(0, 0), masked.getDouble(0, 0));
        // the labels' shape with constant rows is the same mask
        INDArray wide = mask.repeat(1, CLASSES);
        assertEquals(masked, loss.computeScoreArray(labels, s, identity, wide));
        wide.putScalar(0, 2, 0.0);
        assertThrows(IllegalArgumentException.class, () -> loss.computeScoreArray(labels, s, identity, wide));
    }

    @Test
    void savesInJsonWithItsParameters() {
        LossMultiClassHinge loss = new LossMultiClassHinge(0.5, 0.1);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(loss).nIn(3).nOut(4).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(loss, ((OutputLayer) back.getConf(0).getLayer()).getLossFn());
        assertNotEquals(new LossMultiClassHinge(), loss);
        assertEquals(new LossMultiClassHinge().hashCode(), new LossMultiClassHinge(1.0, 0.0).hashCode());
        assertThrows(IllegalArgumentException.class, () -> new LossMultiClassHinge(0.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> new LossMultiClassHinge(1.0, -1.0));
    }
}
