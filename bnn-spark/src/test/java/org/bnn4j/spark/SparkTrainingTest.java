package org.bnn4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.bnn4j.nn.updaters.Bop;
import org.bnn4j.zoo.BinaryNetMlp;
import org.bnn4j.zoo.TtqResNet20;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bnn4j models trained by {@link BnnParameterAveragingTrainingMaster} in Spark local mode with two workers, on a
 * generated 4-class task (chance: 25%).
 */
class SparkTrainingTest {
    private static final int INPUTS = 16;
    private static final int CLASSES = 4;
    private static final int BATCH = 32;
    private static final GeneratedTask TASK = new GeneratedTask(INPUTS, CLASSES, 7);
    private static final DataSet TRAIN = TASK.examples(1024, 1);
    private static final DataSet TEST = TASK.examples(512, 2);

    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = LocalSpark.start("bnn4j-spark-tests");
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static MultiLayerNetwork mlp(IUpdater binaryKernelUpdater) {
        return BinaryNetMlp.builder().inputSize(INPUTS).numClasses(CLASSES).width(64).hiddenLayers(2)
                .updater(new Adam(1e-2)).binaryKernelUpdater(binaryKernelUpdater).seed(12345).build().init();
    }

    private static ParameterAveragingTrainingMaster.Builder bnnMaster(int averagingFrequency) {
        return new BnnParameterAveragingTrainingMaster.Builder(2, BATCH).batchSizePerWorker(BATCH)
                .averagingFrequency(averagingFrequency).rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(42);
    }

    private static JavaRDD<DataSet> rdd(DataSet data) {
        return sc.parallelize(GeneratedTask.minibatches(data, BATCH), 2);
    }

    private static void fit(MultiLayerNetwork net, TrainingMaster<?, ?> master, int epochs) {
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, master);
        JavaRDD<DataSet> data = rdd(TRAIN);
        for (int epoch = 0; epoch < epochs; epoch++) {
            sparkNet.fit(data);
        }
    }

    private static double testAccuracy(MultiLayerNetwork net) {
        return GeneratedTask.accuracy(net.output(TEST.getFeatures()), TEST.getLabels());
    }

    private static List<INDArray> bopKernelCopies(MultiLayerNetwork net) {
        List<INDArray> copies = new ArrayList<>();
        for (BopKernels.Kernel k : BopKernels.of(net)) {
            copies.add(k.weights().dup());
        }
        return copies;
    }

    private static long count(INDArray mask) {
        return mask.castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
    }

    private static void assertAllSigns(MultiLayerNetwork net) {
        for (BopKernels.Kernel k : BopKernels.of(net)) {
            INDArray w = k.weights();
            long notSigns = w.length() - count(w.eq(1)) - count(w.eq(-1));
            assertEquals(0, notSigns, k.name() + ": " + notSigns + " of " + w.length() + " weights are not ±1");
        }
    }

    @Test
    void adamBinaryNetLearnsAndTheRuntimeAgrees(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = mlp(null);
        assertTrue(BopKernels.of(net).isEmpty(), "Adam trains latent weights: nothing to vote on");
        fit(net, bnnMaster(8).build(), 3);
        double accuracy = testAccuracy(net);
        System.out.println("adam accuracy " + accuracy);
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy + " (chance 0.25)");
        RuntimeAgreement.assertAgrees(net, INPUTS, TEST.getFeatures(), dir);
    }

    @Test
    void bopBinaryNetLearnsKeepsSignsAndTheRuntimeAgrees(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = mlp(new Bop(1e-2, 1e-5));
        assertEquals(3, BopKernels.of(net).size(), "one Bop kernel per binary dense layer");
        List<INDArray> initial = bopKernelCopies(net);
        fit(net, bnnMaster(8).build(), 3);
        assertAllSigns(net);
        List<INDArray> trained = bopKernelCopies(net);
        long flipped = 0;
        for (int i = 0; i < initial.size(); i++) {
            flipped += count(initial.get(i).neq(trained.get(i)));
        }
        assertTrue(flipped > 0, "no Bop kernel weight flipped");
        double accuracy = testAccuracy(net);
        System.out.println("bop accuracy " + accuracy + " flips " + flipped);
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy + " (chance 0.25), " + flipped + " flips");
        RuntimeAgreement.assertAgrees(net, INPUTS, TEST.getFeatures(), dir);
    }

    /** Why the vote exists: DL4J's own averaging leaves exact zeros, the mean of +1 and -1, in Bop kernels. */
    @Test
    void plainParameterAveragingBreaksBopKernels() {
        MultiLayerNetwork net = mlp(new Bop(1e-2, 1e-5));
        fit(net, new ParameterAveragingTrainingMaster.Builder(2, BATCH).batchSizePerWorker(BATCH).averagingFrequency(8)
                .saveUpdater(true).rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(42).build(), 1);
        long zeros = 0;
        for (BopKernels.Kernel k : BopKernels.of(net)) {
            zeros += count(k.weights().eq(0));
        }
        assertTrue(zeros > 0, "expected DL4J's averaging to zero some Bop weights");
    }

    @Test
    void trainedOnSparkSavesAndReloadsWithModelSerializer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = mlp(new Bop(1e-2, 1e-5));
        fit(net, bnnMaster(2).build(), 1);
        File file = dir.resolve("spark-trained.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray(),
                "updater state (Bop's moving averages, Adam's moments)");
        assertEquals(net.output(TEST.getFeatures()), restored.output(TEST.getFeatures()));
        assertAllSigns(restored);
        restored.fit(TRAIN.batchBy(BATCH).get(0)); // and it trains on locally
        assertAllSigns(restored);
    }

    /** TTQ-ResNet20 (a ComputationGraph) on 8x8 single-channel images: the ternary scales Wp and Wn train. */
    @Test
    void ttqScalesMoveOnSpark() {
        ComputationGraph graph = TtqResNet20.builder().inputShape(new int[]{1, 8, 8}).numClasses(CLASSES)
                .updater(new Adam(1e-2)).seed(3).build().init();
        GeneratedTask images = new GeneratedTask(64, CLASSES, 11);
        List<DataSet> batches = new ArrayList<>();
        for (DataSet b : GeneratedTask.minibatches(images.examples(128, 5), 16)) {
            batches.add(new DataSet(b.getFeatures().reshape(b.numExamples(), 1, 8, 8), b.getLabels()));
        }
        TrainingMaster<?, ?> master = new BnnParameterAveragingTrainingMaster.Builder(2, 16).batchSizePerWorker(16)
                .averagingFrequency(2).rddTrainingApproach(RDDTrainingApproach.Direct).rngSeed(42).build();
        SparkComputationGraph sparkGraph = new SparkComputationGraph(sc, graph, master);
        sparkGraph.fit(sc.parallelize(batches, 2));

        int scales = 0;
        for (Layer layer : graph.getLayers()) {
            for (String key : new String[]{TrainedTernary.POSITIVE_SCALE_KEY, TrainedTernary.NEGATIVE_SCALE_KEY}) {
                if (layer.paramTable().containsKey(key)) {
                    scales++;
                    double value = layer.getParam(key).getDouble(0);
                    assertNotEquals(TrainedTernary.INITIAL_SCALE, value, 1e-6,
                            layer.conf().getLayer().getLayerName() + "/" + key + " did not move");
                    assertFalse(Double.isNaN(value));
                }
            }
        }
        assertTrue(scales >= 2 * 18, "TTQ-ResNet20 has a Wp and a Wn in each of its ternary convolutions: " + scales);
    }
}
