package org.bnn4j.nn.activations;

import org.bnn4j.nn.quantizers.ApproxSign;
import org.bnn4j.nn.testutil.Nets;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ActivationSteSignTest {

    @Test
    void signsInPlaceAndPassesTheSaturatedStraightThroughGradient() {
        INDArray in = Nd4j.createFromArray(-2.0f, -1.0f, -0.3f, 0.0f, 0.4f, 1.0f, 1.5f);
        INDArray out = new ActivationSteSign().getActivation(in, true);
        assertSame(in, out, "DL4J activations work in place");
        assertEquals(Nd4j.createFromArray(-1f, -1f, -1f, 1f, 1f, 1f, 1f), out);

        INDArray x = Nd4j.createFromArray(-2.0f, -1.0f, -0.3f, 0.0f, 0.4f, 1.0f, 1.5f);
        INDArray eps = Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f, 6f, 7f);
        Pair<INDArray, INDArray> g = new ActivationSteSign().backprop(x, eps);
        assertEquals(Nd4j.createFromArray(0f, 2f, 3f, 4f, 5f, 6f, 0f), g.getFirst());
        assertNull(g.getSecond());
    }

    @Test
    void wrapsAnyQuantizer() {
        INDArray x = Nd4j.createFromArray(-0.5, 0.25, 2.0);
        INDArray g = new ActivationSteSign(new ApproxSign()).backprop(x, Nd4j.ones(DataType.DOUBLE, 3)).getFirst();
        assertEquals(Nd4j.createFromArray(1.0, 1.5, 0.0), g);
    }

    @Test
    void activationLayerOutputsAreExactlyPlusMinusOneInANetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(Nets.binaryMlp(12, 16, 3, 4));
        net.init();
        List<INDArray> acts = net.feedForward(Nd4j.rand(DataType.FLOAT, 5, 12).subi(0.5), false);
        for (int layer : new int[]{3, 6}) { // outputs of the two sign ActivationLayers
            assertTrue(Transforms.abs(acts.get(layer), true).eq(1).all(), "layer " + (layer - 1) + " output " + acts.get(layer));
        }
    }
}
