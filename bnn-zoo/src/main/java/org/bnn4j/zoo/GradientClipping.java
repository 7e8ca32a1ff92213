package org.bnn4j.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Per-layer element-wise gradient clipping to {@code [-threshold, threshold]} (DL4J's
 * {@link GradientNormalization#ClipElementWiseAbsoluteValue}, applied by the updater before its rule) on every
 * layer with weights except BatchNormalization: DL4J would clip BatchNorm's running-statistic updates too, which
 * the layer computes as its "gradient".
 */
final class GradientClipping {
    private GradientClipping() {
    }

    /** Clips on every eligible layer of {@code conf}; a threshold of 0 leaves it unchanged. */
    static MultiLayerConfiguration apply(MultiLayerConfiguration conf, double threshold) {
        for (NeuralNetConfiguration c : conf.getConfs()) {
            clip(c.getLayer(), threshold);
        }
        return conf;
    }

    /** Clips on every eligible layer of {@code conf}; a threshold of 0 leaves it unchanged. */
    static ComputationGraphConfiguration apply(ComputationGraphConfiguration conf, double threshold) {
        conf.getVertices().values().stream().filter(v -> v instanceof LayerVertex)
                .forEach(v -> clip(((LayerVertex) v).getLayerConf().getLayer(), threshold));
        return conf;
    }

    private static void clip(Layer layer, double threshold) {
        if (threshold > 0 && layer instanceof BaseLayer base && !(layer instanceof BatchNormalization)) {
            base.setGradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue);
            base.setGradientNormalizationThreshold(threshold);
        }
    }
}
