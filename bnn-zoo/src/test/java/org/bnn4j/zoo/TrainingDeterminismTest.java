package org.bnn4j.zoo;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Training is a function of the seed and the data only: garbage collections between iterations (which free ND4J's
 * off-heap arrays) change no score and no parameter. A layer that kept using memory it no longer owned would
 * read whatever a collection left there. (Two CLI runs with different heap and GC settings also ended with
 * identical parameters: `train --model xnor-resnet20 --limit 1280 --epochs 1`, compared with `cmp`.)
 */
class TrainingDeterminismTest {
    private static final int ITERATIONS = 3;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xnor", "ttq"})
    void collectionsBetweenIterationsChangeNothing(String model) throws Exception {
        DataSet data = data();
        ComputationGraph quiet = network(model);
        ComputationGraph collected = network(model);
        double[] quietScores = new double[ITERATIONS];
        double[] collectedScores = new double[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            quiet.fit(data);
            quietScores[i] = quiet.score();
            collected.fit(data);
            collectedScores[i] = collected.score();
            System.gc();
            Thread.sleep(50); // lets ND4J's deallocator thread free what the collection found
        }
        assertArrayEquals(quietScores, collectedScores, 0.0);
        assertEquals(quiet.params(), collected.params());
    }

    private static ComputationGraph network(String model) {
        int[] shape = {1, 16, 16};
        return model.equals("xnor")
                ? XnorResNet20.builder().inputShape(shape).numClasses(10).seed(3).updater(new Adam(1e-3)).build().init()
                : TtqResNet20.builder().inputShape(shape).numClasses(10).seed(3).updater(new Adam(1e-3)).build().init();
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 1, 16, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        return new DataSet(x, y);
    }
}
