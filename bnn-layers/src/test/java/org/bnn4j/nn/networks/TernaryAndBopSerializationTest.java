package org.bnn4j.nn.networks;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.bnn4j.nn.conf.layers.TernaryDenseLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.quantizers.StochasticTernary;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.bnn4j.nn.testutil.Nets;
import org.bnn4j.nn.updaters.Bop;
import org.bnn4j.nn.updaters.BopUpdater;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** JSON and ModelSerializer round trips keep TTQ's scales, the ternary quantizers and Bop's state exactly. */
class TernaryAndBopSerializationTest {

    /** TTQ conv and dense layers, both TernaryConnect quantizers and Bop kernels (one with a gamma schedule). */
    private static MultiLayerConfiguration ternaryAndBop() {
        return new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2)).convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new TernaryConvolutionLayer.Builder(3, 3).nOut(4).stride(2, 1).thresholdFactor(0.1).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).build())
                .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(4).padValue(1).kernelUpdater(new Bop(1e-2, 1e-6)).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new BinaryDenseLayer.Builder().nOut(8).kernelQuantizer(new SteTernary(-0.3, 0.3)).build())
                .layer(new BinaryDenseLayer.Builder().nOut(8).kernelQuantizer(new StochasticTernary(9)).build())
                .layer(new TernaryDenseLayer.Builder().nOut(6).hasBias(false).thresholdFactor(0.2).build())
                .layer(new BinaryDenseLayer.Builder().nOut(6).inputQuantizer(new SteSign())
                        .kernelUpdater(new Bop(new MapSchedule(ScheduleType.ITERATION, Map.of(0, 0.1, 2, 0.05)), 1e-7)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1))
                .build();
    }

    @Test
    void multiLayerJsonRoundTripKeepsTernaryLayersQuantizersAndBop() {
        MultiLayerConfiguration conf = ternaryAndBop();
        String json = conf.toJson();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, restored);
        assertEquals(json, restored.toJson());
        TernaryConvolutionLayer conv = (TernaryConvolutionLayer) restored.getConf(0).getLayer();
        assertEquals(0.1, conv.getThresholdFactor());
        assertNull(conv.getInputQuantizer());
        assertEquals(new Bop(1e-2, 1e-6), ((XnorConvolutionLayer) restored.getConf(3).getLayer()).getKernelUpdater());
        assertEquals(new SteTernary(-0.3, 0.3), ((BinaryDenseLayer) restored.getConf(5).getLayer()).getKernelQuantizer());
        assertEquals(new StochasticTernary(9), ((BinaryDenseLayer) restored.getConf(6).getLayer()).getKernelQuantizer());
        TernaryDenseLayer dense = (TernaryDenseLayer) restored.getConf(7).getLayer();
        assertEquals(new TrainedTernary(0.2), dense.getKernelQuantizer());
        assertFalse(dense.hasBias());
        Bop scheduled = (Bop) ((BinaryDenseLayer) restored.getConf(8).getLayer()).getKernelUpdater();
        assertEquals(0.05, scheduled.gammaAt(3, 0));
        assertEquals(1e-7, scheduled.getTau());
        assertInstanceOf(Adam.class, restored.getConf(8).getLayer().getUpdaterByParam("b"), "the bias keeps Adam");
    }

    @Test
    void graphJsonRoundTripKeepsTernaryLayersAndBop() {
        MultiLayerNetwork net = new MultiLayerNetwork(ternaryAndBop());
        net.init();
        ComputationGraphConfiguration conf = net.toComputationGraph().getConfiguration();
        ComputationGraphConfiguration restored = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, restored);
        assertEquals(conf.toJson(), restored.toJson());
    }

    @Test
    void modelSerializerRestoresMultiLayerNetworkWithScalesAndBopState(@TempDir File dir) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(ternaryAndBop());
        net.init();
        MultiLayerNetwork restored = assertRestoredExactlyAndTrainingGoesOnIdentically(net, Nets.stripes(32, 8, 1),
                new File(dir, "ternary.zip"), f -> ModelSerializer.restoreMultiLayerNetwork(f, true),
                MultiLayerNetwork::getUpdater, MultiLayerNetwork::output);
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
    }

    @Test
    void modelSerializerRestoresComputationGraphWithScalesAndBopState(@TempDir File dir) throws IOException {
        MultiLayerNetwork mln = new MultiLayerNetwork(ternaryAndBop());
        mln.init();
        ComputationGraph net = mln.toComputationGraph();
        ComputationGraph restored = assertRestoredExactlyAndTrainingGoesOnIdentically(net, Nets.stripes(32, 8, 2),
                new File(dir, "ternary-graph.zip"), f -> ModelSerializer.restoreComputationGraph(f, true),
                ComputationGraph::getUpdater, ComputationGraph::outputSingle);
        assertEquals(net.getConfiguration(), restored.getConfiguration());
    }

    private interface Restore<N> {
        N from(File file) throws IOException;
    }

    /**
     * Trains a few steps, saves with the updater and restores; the TTQ scales (trained away from 1), Bop's
     * moving averages and everything else come back exactly, and both copies then train identically.
     */
    private static <N extends Model & NeuralNetwork> N assertRestoredExactlyAndTrainingGoesOnIdentically(
            N net, DataSet data, File file, Restore<N> restore, Function<N, Updater> updater,
            BiFunction<N, INDArray, INDArray> output) throws IOException {
        for (int i = 0; i < 3; i++) net.fit(data);
        ModelSerializer.writeModel(net, file, true);
        N restored = restore.from(file);

        assertEquals(net.params(), restored.params());
        for (String layer : new String[]{"0_", "7_"}) {
            for (String scale : new String[]{"Wp", "Wn"}) {
                INDArray value = net.getParam(layer + scale);
                assertNotEquals(1.0, value.getDouble(0), 1e-6, layer + scale + " has trained away from 1");
                assertEquals(value, restored.getParam(layer + scale), layer + scale);
            }
        }
        List<INDArray> bop = bopState(updater.apply(net));
        assertEquals(2, bop.size(), "two Bop kernels");
        for (INDArray m : bop) assertTrue(m.amaxNumber().doubleValue() > 0, "Bop's moving average has been updated");
        assertEquals(bop, bopState(updater.apply(restored)));
        assertEquals(net.updaterState(), restored.updaterState());
        assertEquals(output.apply(net, data.getFeatures()), output.apply(restored, data.getFeatures()));

        for (int i = 0; i < 2; i++) {
            net.fit(data);
            restored.fit(data);
        }
        assertEquals(net.params(), restored.params(), "training goes on identically");
        assertEquals(bopState(updater.apply(net)), bopState(updater.apply(restored)));
        return restored;
    }

    /** The moving averages of every Bop-trained kernel, in network order. */
    private static List<INDArray> bopState(Updater updater) {
        List<INDArray> states = new ArrayList<>();
        for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) updater).getUpdaterBlocks()) {
            if (block.getGradientUpdater() instanceof BopUpdater) {
                states.add(((BopUpdater) block.getGradientUpdater()).getState().get(BopUpdater.MOVING_AVERAGE).dup());
            }
        }
        return states;
    }
}
