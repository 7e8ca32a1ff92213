package org.bnn4j.tests;

import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.zoo.BinaryNetMlp;
import org.bnn4j.zoo.OutputLoss;
import org.bnn4j.zoo.XnorResNet20;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The training loop's validation pass computes the loss from the outputs it classifies (one inference pass, no
 * activations left for the garbage collector): it must equal DL4J's {@code score(DataSet, false)}, batch-size weighted,
 * for every output loss on a MultiLayerNetwork and a ComputationGraph.
 */
class ValidationLossTest {
    private static final List<String> CLASSES = List.of("a", "b", "c", "d");

    private static DataSetIterator batches(long[] featureShape, int examples, int batch, long seed) {
        Nd4j.getRandom().setSeed(seed);
        long[] shape = featureShape.clone();
        shape[0] = examples;
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, examples, CLASSES.size());
        for (int i = 0; i < examples; i++) y.putScalar(i, (i * 7) % CLASSES.size(), 1);
        return new ListDataSetIterator<>(new DataSet(x, y).asList(), batch);
    }

    private static void assertSameLoss(Model model, DataSetIterator data) {
        NetworkAdapter net = new NetworkAdapter(model);
        NetworkAdapter.Validation v = net.validate(data, CLASSES);
        double reference = net.meanLoss(data);
        assertEquals(reference, v.meanLoss(), 1e-5 * Math.max(1, Math.abs(reference)), "mean loss");
        assertEquals(net.evaluate(data, CLASSES).accuracy(), v.evaluation().accuracy(), 0.0);
        assertEquals(22, v.evaluation().getNumRowCounter(), 0.0, "every example, the short last batch too");
    }

    @ParameterizedTest
    @EnumSource(OutputLoss.class)
    void equalsDl4jsScoreOnTheMlp(OutputLoss loss) {
        Model mlp = BinaryNetMlp.builder().inputSize(12).width(16).numClasses(4).outputLoss(loss).seed(3).build().init();
        assertSameLoss(mlp, batches(new long[]{0, 12}, 22, 8, 1));
    }

    @ParameterizedTest
    @EnumSource(OutputLoss.class)
    void equalsDl4jsScoreOnAGraph(OutputLoss loss) {
        Model graph = XnorResNet20.builder().inputShape(new int[]{1, 8, 8}).numClasses(4).outputLoss(loss).seed(3).build().init();
        assertSameLoss(graph, batches(new long[]{0, 1, 8, 8}, 22, 8, 2));
    }
}
