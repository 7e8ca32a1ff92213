package org.bnn4j.nn;

import org.bnn4j.nn.conf.layers.BatchNorm;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves networks saved with DL4J's {@link BatchNormalization} (every bnn4j model written before {@link BatchNorm}
 * existed, and users' own) onto {@link BatchNorm}, whose inference leaves no arrays for the garbage collector.
 * The parameters, their order and the outputs stay the same; the stored file is not touched.
 *
 * <pre>{@code
 * ComputationGraph old = ModelSerializer.restoreComputationGraph(file, true);
 * ComputationGraph net = BatchNormUpgrade.of(old);   // same parameters and updater state
 * }</pre>
 */
public final class BatchNormUpgrade {
    private BatchNormUpgrade() {
    }

    /** Replaces, in place, every DL4J BatchNormalization of {@code conf} by a BatchNorm; returns how many. */
    public static int replaceIn(ComputationGraphConfiguration conf) {
        int n = 0;
        for (var vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex lv && replaceIn(lv.getLayerConf())) {
                n++;
            }
        }
        return n;
    }

    /** As {@link #replaceIn(ComputationGraphConfiguration)}, for a MultiLayerNetwork's configuration. */
    public static int replaceIn(MultiLayerConfiguration conf) {
        int n = 0;
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            if (replaceIn(layer)) {
                n++;
            }
        }
        return n;
    }

    private static boolean replaceIn(NeuralNetConfiguration layerConf) {
        if (layerConf.getLayer() instanceof BatchNormalization bn && !(bn instanceof BatchNorm)) {
            layerConf.setLayer(BatchNorm.of(bn));
            return true;
        }
        return false;
    }

    /**
     * {@code model} itself when it has no DL4J BatchNormalization, else the same network rebuilt with BatchNorm:
     * parameters, updater state, iteration and epoch counts copied.
     */
    @SuppressWarnings("unchecked")
    public static <M extends Model> M of(M model) {
        if (model instanceof ComputationGraph g) {
            ComputationGraphConfiguration conf = g.getConfiguration().clone();
            if (replaceIn(conf) == 0) {
                return model;
            }
            // DL4J's clone() drops the counts that Adam's bias correction and learning-rate schedules read.
            conf.setIterationCount(g.getConfiguration().getIterationCount());
            conf.setEpochCount(g.getConfiguration().getEpochCount());
            ComputationGraph upgraded = new ComputationGraph(conf);
            upgraded.init(g.params().dup(), false);
            copyState(g.getUpdater(false), upgraded.getUpdater(true));
            return (M) upgraded;
        }
        if (model instanceof MultiLayerNetwork m) {
            MultiLayerConfiguration conf = m.getLayerWiseConfigurations().clone();
            if (replaceIn(conf) == 0) {
                return model;
            }
            conf.setIterationCount(m.getLayerWiseConfigurations().getIterationCount());
            conf.setEpochCount(m.getLayerWiseConfigurations().getEpochCount());
            MultiLayerNetwork upgraded = new MultiLayerNetwork(conf);
            upgraded.init(m.params().dup(), false);
            copyState(m.getUpdater(false), upgraded.getUpdater(true));
            return (M) upgraded;
        }
        return model;
    }

    /** Same parameter layout, so the same updater state layout: DL4J's updaters copy it in. */
    private static void copyState(Object from, Object to) {
        if (from instanceof BaseMultiLayerUpdater<?> source && to instanceof BaseMultiLayerUpdater<?> target) {
            INDArray state = source.getStateViewArray();
            if (state != null && state.length() > 0) {
                target.setStateViewArray(state);
            }
        }
    }
}
