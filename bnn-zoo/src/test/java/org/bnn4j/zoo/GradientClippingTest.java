package org.bnn4j.zoo;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.*;

/** gradientClipping(t) on the zoo builders clips every weight layer's gradient elements to [-t, t], BatchNorm's not. */
class GradientClippingTest {
    private static final double LR = 0.01;

    private static MultiLayerNetwork mlp(double clipping) {
        return BinaryNetMlp.builder().inputSize(8).width(16).hiddenLayers(1).numClasses(3).seed(4)
                .inputDropout(0).hiddenDropout(0).updater(new Sgd(LR)).gradientClipping(clipping).build().init();
    }

    /** One SGD step moves each weight by lr * clip(g, -t, t), g the mean gradient of an unclipped twin. */
    @Test
    void clipsEachGradientElementOfTheWeightLayers() {
        Nd4j.getRandom().setSeed(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 8).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 3);
        for (int i = 0; i < 32; i++) y.putScalar(i, i % 3, 1);
        MultiLayerNetwork reference = mlp(0);
        reference.setInput(x);
        reference.setLabels(y);
        reference.computeGradientAndScore();
        INDArray g = reference.gradient().getGradientFor("0_W").div(32);
        double t = 0.5 * Transforms.abs(g, true).maxNumber().doubleValue(); // so that some elements are clipped

        MultiLayerNetwork net = mlp(t);
        assertEquals(reference.params(), net.params(), "same seed, same start");
        INDArray before = net.getParam("0_W").dup();
        net.fit(new DataSet(x, y));
        INDArray step = before.sub(net.getParam("0_W"));
        INDArray expected = Transforms.min(Transforms.max(g, -t, true), t, false).muli(LR);
        // float32 weights: the step is known to about 1e-7 absolute, the clip changes it by up to t * lr
        assertTrue(expected.sub(step).amaxNumber().doubleValue() <= 1e-3 * t * LR, "step " + step + " expected " + expected);
        assertTrue(Transforms.abs(g, true).gt(t).any(), "the test needs elements beyond the clip");
    }

    @Test
    void setsClippingOnWeightLayersOnlyInEveryZooModel() {
        var mlp = BinaryNetMlp.builder().width(16).gradientClipping(1.0).build().conf();
        for (var c : mlp.getConfs()) {
            if (c.getLayer() instanceof BinaryDenseLayer d) {
                assertEquals(GradientNormalization.ClipElementWiseAbsoluteValue, d.getGradientNormalization());
                assertEquals(1.0, d.getGradientNormalizationThreshold());
            }
            if (c.getLayer() instanceof BatchNormalization b) {
                assertNotEquals(GradientNormalization.ClipElementWiseAbsoluteValue, b.getGradientNormalization());
            }
        }
        var graph = XnorResNet20.builder().inputShape(new int[]{1, 28, 28}).gradientClipping(0.5).build().conf();
        long clipped = graph.getVertices().values().stream().filter(v -> v instanceof LayerVertex)
                .map(v -> ((LayerVertex) v).getLayerConf().getLayer())
                .filter(l -> l instanceof BaseLayer b && b.getGradientNormalization() == GradientNormalization.ClipElementWiseAbsoluteValue)
                .peek(l -> assertFalse(l instanceof BatchNormalization))
                .count();
        assertTrue(clipped >= 20, clipped + " clipped layers");
        assertThrows(IllegalArgumentException.class, () -> BinaryNetMlp.builder().gradientClipping(-1));
        assertNotEquals(GradientNormalization.ClipElementWiseAbsoluteValue,
                ((BaseLayer) BinaryNetMlp.builder().width(16).build().conf().getConf(0).getLayer()).getGradientNormalization(),
                "off by default");
    }

    @Test
    void binarizedBiasOptionReachesTheDenseLayers() {
        var conf = BinaryNetMlp.builder().width(16).binarizedBias(true).build().conf();
        assertNotNull(((BinaryDenseLayer) conf.getConf(0).getLayer()).getBiasQuantizer());
        var twin = BinaryNetMlp.builder().width(16).binarizedBias(true).fullPrecision(true).build().conf();
        assertNull(((BinaryDenseLayer) twin.getConf(0).getLayer()).getBiasQuantizer());
        assertNull(((BinaryDenseLayer) BinaryNetMlp.builder().width(16).build().conf().getConf(0).getLayer()).getBiasQuantizer());
    }
}
