package org.bnn4j.nn.lossfunctions;

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

    /** Per-example loss straight from the definition, in doubles. */
    private static double referenceLoss(double[] s, int y, double margin, double tau) {
        double[] a = new double[s.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < s.length; j++) {
            a[j] = (j == y ? 0 : margin) + s[j];
            max = Math.max(max, a[j]);
        }
        if (tau == 0) {
            return max - s[y];
        }
        double sum = 0;
        for (double v : a) sum += Math.exp(v / tau);
        return tau * Math.log(sum) - s[y];
    }

    /** dL/ds straight from the definition: e_argmax - e_y, or softmax((Δ + s) / tau) - e_y. */
    private static double[] referenceGradient(double[] s, int y, double margin, double tau) {
        double[] a = new double[s.length];
        int argMax = 0;
        for (int j = 0; j < s.length; j++) {
            a[j] = (j == y ? 0 : margin) + s[j];
            if (a[j] > a[argMax]) argMax = j;
        }
        double[] g = new double[s.length];
        if (tau == 0) {
            g[argMax] += 1;
        } else {
            double sum = 0;
            for (double v : a) sum += Math.exp(v / tau);
            for (int j = 0; j < s.length; j++) g[j] = Math.exp(a[j] / tau) / sum;
        }
        g[y] -= 1;
        return g;
    }

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
        return Nd4j.rand(DataType.DOUBLE, ROWS, CLASSES).subi(0.5).muli(4); // in [-2, 2]: some rows with zero loss
    }

    private static void checkAgainstReference(double margin, double tau) {
        Nd4j.getRandom().setSeed(11);
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
            double expected = referenceLoss(row, y[i], margin, tau);
            total += expected;
            assertEquals(expected, scoreArray.getDouble(i, 0), 1e-12, "loss of row " + i);
            assertArrayEquals(referenceGradient(row, y[i], margin, tau), gradient.getRow(i).toDoubleVector(), 1e-12,
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
        Nd4j.getRandom().setSeed(5);
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
