package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.StochasticSign;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.testutil.SingleLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Backprop reuses the kernel the training forward pass quantized; the gradients must be bit-identical to those
 * from a kernel quantized again in backprop (forced here by setting W to itself, which invalidates the kept
 * kernel), for deterministic, stochastic, scaled and trained-ternary kernels.
 */
class TrainingKernelReuseTest {

    @Test
    void reusedKernelGivesTheSameGradientsAsARecomputedOne() {
        check(new BinaryDenseLayer.Builder().nIn(10).nOut(7).kernelQuantizer(new SteSign()).build(), new long[]{4, 10}, new long[]{4, 7});
        check(new BinaryDenseLayer.Builder().nIn(10).nOut(7).inputQuantizer(new SteSign())
                .kernelQuantizer(new StochasticSign()).build(), new long[]{4, 10}, new long[]{4, 7});
        check(new XnorConvolutionLayer.Builder(3, 3).nIn(3).nOut(5).build(), new long[]{2, 3, 6, 6}, new long[]{2, 5, 4, 4});
        check(new TernaryConvolutionLayer.Builder(3, 3).nIn(3).nOut(5).build(), new long[]{2, 3, 6, 6}, new long[]{2, 5, 4, 4});
    }

    private static void check(org.deeplearning4j.nn.conf.layers.Layer conf, long[] inShape, long[] outShape) {
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.randn(DataType.FLOAT, inShape);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, outShape);

        SingleLayer reused = new SingleLayer(conf.clone(), DataType.FLOAT, 3);
        Pair<Gradient, INDArray> a = reused.backward(x, epsilon);

        SingleLayer recomputed = new SingleLayer(conf.clone(), DataType.FLOAT, 3);
        recomputed.forward(x, true);
        recomputed.layer.setParam("W", recomputed.param("W").dup()); // same values, kept kernel dropped
        Pair<Gradient, INDArray> b = recomputed.layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());

        String what = conf.getClass().getSimpleName();
        assertArrayEquals(bits(b.getSecond()), bits(a.getSecond()), what + ": epsilon");
        Map<String, INDArray> expected = b.getFirst().gradientForVariable();
        assertEquals(expected.keySet(), a.getFirst().gradientForVariable().keySet(), what);
        expected.forEach((key, g) -> assertArrayEquals(bits(g), bits(a.getFirst().gradientForVariable().get(key)),
                what + ": gradient of " + key));
    }

    /** Exact comparison: the floats in C order (JUnit compares float arrays bit for bit). */
    private static float[] bits(INDArray a) {
        return a.dup('c').data().asFloat();
    }
}
