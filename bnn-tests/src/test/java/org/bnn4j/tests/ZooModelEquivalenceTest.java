package org.bnn4j.tests;

import org.bnn4j.export.BnnSummary;
import org.bnn4j.tests.testutil.Data;
import org.bnn4j.tests.testutil.Equivalence;
import org.bnn4j.tests.testutil.RuntimeVsDl4j;
import org.bnn4j.zoo.BinaryNetMlp;
import org.bnn4j.zoo.OutputLoss;
import org.bnn4j.zoo.TtqResNet20;
import org.bnn4j.zoo.XnorResNet20;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every zoo model, briefly trained (so weights and BatchNorm statistics are not at their initial values), exported
 * and run by the packed runtime on 1,000 inputs: same classes as DL4J, outputs within float tolerance, binary
 * activations bit-identical. The full-precision twins too.
 */
class ZooModelEquivalenceTest {
    private static final int SIZE = 12;

    @ParameterizedTest(name = "fullPrecision={0}")
    @ValueSource(booleans = {false, true})
    void binaryNetMlp(boolean fullPrecision) throws Exception {
        for (OutputLoss loss : OutputLoss.values()) {
            MultiLayerNetwork net = BinaryNetMlp.builder().inputSize(40).width(96).numClasses(4).outputLoss(loss)
                    .inputDropout(0.2).hiddenDropout(0.2).fullPrecision(fullPrecision).seed(11).build().init();
            Data.train(net, Data.clusters(512, 40, 4, 1), 3);
            RuntimeVsDl4j.Report r = Equivalence.ofVectors(net, 40, 4);
            if (!fullPrecision) {
                assertTrue(r.bitsCompared() > 0, "the hidden layers' signs are compared bit by bit: " + r);
                BnnSummary s = r.exported().summary();
                assertEquals(40 * 96 + 96 * 96 * 2 + 96 * 4, s.binaryParams(), "binary weights in every layer: " + s);
                assertEquals(96 * 96 * 2 + 96 * 4, s.binaryMacs(), "hidden layers read signs: XNOR and popcount: " + s);
            }
        }
    }

    /** The BinaryConnect / TernaryConnect MLPs (ReLU units): deterministic kernels pack, stochastic ones export their means. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryNetMlp.Weights.class)
    void binaryConnectMlp(BinaryNetMlp.Weights weights) throws Exception {
        MultiLayerNetwork net = BinaryNetMlp.builder().inputSize(40).width(96).numClasses(4)
                .activations(BinaryNetMlp.Activations.RELU).weights(weights).outputLoss(OutputLoss.SQUARED_HINGE)
                .seed(13).build().init();
        Data.train(net, Data.clusters(512, 40, 4, 1), 3);
        BnnSummary s = Equivalence.ofVectors(net, 40, 4).exported().summary();
        long kernels = 40 * 96 + 96 * 96 * 2 + 96 * 4;
        assertEquals(weights == BinaryNetMlp.Weights.BINARY ? kernels : 0, s.binaryParams(), weights + ": " + s);
        assertEquals(weights == BinaryNetMlp.Weights.TERNARY ? kernels : 0, s.ternaryParams(), weights + ": " + s);
    }

    @ParameterizedTest(name = "fullPrecision={0}")
    @ValueSource(booleans = {false, true})
    void xnorResNet20(boolean fullPrecision) throws Exception {
        ComputationGraph net = XnorResNet20.builder().inputShape(new int[]{1, SIZE, SIZE}).numClasses(4)
                .fullPrecision(fullPrecision).seed(12).build().init();
        RuntimeVsDl4j.Report r = trainedAndCompared(net);
        if (!fullPrecision) {
            assertTrue(r.bitsCompared() > 0, "binary convolution inputs are compared bit by bit: " + r);
            assertTrue(r.exported().summary().binaryParams() > 0);
        }
    }

    /**
     * A never-trained XNOR net: all BatchNorm layers hold mean 0 and variance 1 and many pre-activations sit exactly
     * on zero, where a rounding error would flip a sign. DL4J sums exact ±1 products (alpha is applied to the
     * convolution's output, not inside its kernel), so no example may be set aside as undecidable.
     */
    @Test
    void neverTrainedXnorResNet20AgreesBitForBit() throws Exception {
        ComputationGraph net = XnorResNet20.builder().inputShape(new int[]{3, 32, 32}).seed(14).build().init();
        RuntimeVsDl4j.Report r = RuntimeVsDl4j.compare(net, InputType.convolutional(32, 32, 3),
                Data.images(20, 3, 32, 3).getFeatures()).assertAgrees();
        assertEquals(0, r.undecidableExamples(), r.toString());
        assertEquals(0, r.classMismatches(), r.toString());
        assertTrue(r.bitsCompared() > 0, r.toString());
    }

    @ParameterizedTest(name = "fullPrecision={0}")
    @ValueSource(booleans = {false, true})
    void ttqResNet20(boolean fullPrecision) throws Exception {
        ComputationGraph net = TtqResNet20.builder().inputShape(new int[]{1, SIZE, SIZE}).numClasses(4)
                .fullPrecision(fullPrecision).seed(13).build().init();
        RuntimeVsDl4j.Report r = trainedAndCompared(net);
        assertEquals(!fullPrecision, r.exported().summary().ternaryParams() > 0, r.exported().summary().toString());
    }

    private static RuntimeVsDl4j.Report trainedAndCompared(ComputationGraph net) throws Exception {
        Data.train(net, Data.images(192, 1, SIZE, 1), 2);
        return Equivalence.compare(net, InputType.convolutional(SIZE, SIZE, 1),
                Data.images(Equivalence.TEST_EXAMPLES, 1, SIZE, 2).getFeatures());
    }
}
