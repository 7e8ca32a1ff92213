package org.bnn4j.nn.optimize;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What {@link DeepFrankWolfe} needs from a network, for {@link MultiLayerNetwork} and {@link ComputationGraph}
 * alike: load a mini-batch, compute the loss and its gradient, list the parameters with their layers, and end the
 * iteration as DL4J's own {@code fit} does (constraints, counters, listeners).
 */
abstract class DfwModel {

    /** One parameter: its layer, its key within the layer, its value and its gradient (views into the network's). */
    record Parameter(Layer layer, String key, INDArray value, INDArray gradient) {
        String name() {
            String layerName = layer.conf().getLayer().getLayerName();
            return (layerName == null ? "layer " + layer.getIndex() : layerName) + "/" + key;
        }
    }

    static DfwModel of(MultiLayerNetwork net) {
        return new DfwModel() {
            @Override
            void setBatch(MultiDataSet batch) {
                net.setInput(batch.getFeatures(0));
                net.setLabels(batch.getLabels(0));
                net.setLayerMaskArrays(batch.getFeaturesMaskArray(0), batch.getLabelsMaskArray(0));
            }

            @Override
            void compute() {
                net.computeGradientAndScore();
            }

            @Override
            void setEpoch(int epoch) {
                net.getLayerWiseConfigurations().setEpochCount(epoch);
            }

            @Override
            Layer[] layers() {
                return net.getLayers();
            }

            @Override
            String gradientPrefix(int index, Layer layer) {
                return index + "_";
            }

            @Override
            Model model() {
                return net;
            }

            @Override
            int iteration() {
                return net.getIterationCount();
            }

            @Override
            int epoch() {
                return net.getEpochCount();
            }

            @Override
            void setIteration(int iteration) {
                net.setIterationCount(iteration);
            }

            @Override
            Collection<TrainingListener> listeners() {
                return net.getListeners();
            }

            @Override
            void clearBatch() {
                net.clearLayersStates();
                net.clearLayerMaskArrays();
            }
        };
    }

    static DfwModel of(ComputationGraph graph) {
        return new DfwModel() {
            @Override
            void setBatch(MultiDataSet batch) {
                graph.setInputs(batch.getFeatures());
                graph.setLabels(batch.getLabels());
                graph.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
            }

            @Override
            void compute() {
                graph.computeGradientAndScore();
            }

            @Override
            void setEpoch(int epoch) {
                graph.getConfiguration().setEpochCount(epoch);
            }

            @Override
            Layer[] layers() {
                return graph.getLayers();
            }

            @Override
            String gradientPrefix(int index, Layer layer) {
                return layer.conf().getLayer().getLayerName() + "_";
            }

            @Override
            Model model() {
                return graph;
            }

            @Override
            int iteration() {
                return graph.getConfiguration().getIterationCount();
            }

            @Override
            int epoch() {
                return graph.getConfiguration().getEpochCount();
            }

            @Override
            void setIteration(int iteration) {
                graph.getConfiguration().setIterationCount(iteration);
            }

            @Override
            Collection<TrainingListener> listeners() {
                return graph.getListeners();
            }

            @Override
            void clearBatch() {
                graph.clearLayersStates();
                graph.clearLayerMaskArrays();
            }
        };
    }

    abstract void setBatch(MultiDataSet batch);

    /** The network's own {@code computeGradientAndScore()}, with its workspace configuration. */
    abstract void compute();

    abstract void setEpoch(int epoch);

    abstract Layer[] layers();

    /** How the network names a layer's parameters in its {@link Gradient}: "0_W" or "dense_W". */
    abstract String gradientPrefix(int index, Layer layer);

    abstract Model model();

    abstract int iteration();

    abstract int epoch();

    abstract void setIteration(int iteration);

    abstract Collection<TrainingListener> listeners();

    /** Drops the batch's inputs, labels and masks, as {@code fit} does after an iteration. */
    abstract void clearBatch();

    /**
     * Computes the mini-batch loss (averaged over examples, plus any regularization score) and the gradient of the
     * summed loss, like the first half of DL4J's {@code fit}; the layers see this iteration's counters first (the
     * noise seeds of stochastic quantizers depend on them).
     */
    double computeGradientAndScore() {
        for (Layer layer : layers()) {
            layer.setIterationCount(iteration());
            layer.setEpochCount(epoch());
        }
        compute();
        return model().score();
    }

    /** Every parameter with the gradient of the last {@link #computeGradientAndScore}; none without a gradient. */
    List<Parameter> parameters() {
        Gradient gradient = model().gradient();
        List<Parameter> parameters = new ArrayList<>();
        Layer[] layers = layers();
        for (int i = 0; i < layers.length; i++) {
            String prefix = gradientPrefix(i, layers[i]);
            for (var entry : layers[i].paramTable().entrySet()) {
                INDArray g = gradient.getGradientFor(prefix + entry.getKey());
                if (g != null) {
                    parameters.add(new Parameter(layers[i], entry.getKey(), entry.getValue(), g));
                }
            }
        }
        return parameters;
    }

    /** The end of DL4J's iteration: constraints on the updated parameters, the counter, the listeners. */
    void endIteration() {
        int iteration = iteration();
        model().applyConstraints(iteration, epoch());
        setIteration(iteration + 1);
        for (TrainingListener listener : listeners()) {
            listener.iterationDone(model(), iteration, epoch());
        }
        clearBatch();
    }
}
