package org.bnn4j.spark;

import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of a network that Bop trains: binary kernels whose values are signs, not magnitudes, so they must be
 * combined by vote rather than averaged. A parameter is one when {@link Bop#canTrain} allows it (the 1-bit kernel of a
 * bnn4j layer) and its updater is a {@link Bop}; every other parameter (latent weights, biases, TTQ scales,
 * BatchNorm's gamma, beta and statistics) is real-valued.
 *
 * <pre>{@code
 * for (BopKernels.Kernel k : BopKernels.of(net)) {
 *     INDArray signs = k.weights();   // a view of the network's parameters, every value ±1
 * }
 * }</pre>
 */
public final class BopKernels {
    private BopKernels() {
    }

    /** One Bop-trained parameter: its layer and parameter key. */
    public record Kernel(Layer layer, String key) {
        /** The parameter as a view of the network's parameters (writes reach the network). */
        public INDArray weights() {
            return layer.getParam(key);
        }

        /** "layerName/key", for messages. */
        public String name() {
            return layer.conf().getLayer().getLayerName() + "/" + key;
        }
    }

    /** The Bop-trained parameters of a MultiLayerNetwork or ComputationGraph, in layer order. */
    public static List<Kernel> of(Model model) {
        Layer[] layers;
        if (model instanceof MultiLayerNetwork net) {
            layers = net.getLayers();
        } else if (model instanceof ComputationGraph graph) {
            layers = graph.getLayers();
        } else {
            throw new IllegalArgumentException("Expected a MultiLayerNetwork or ComputationGraph, got "
                    + (model == null ? null : model.getClass().getName()));
        }
        List<Kernel> kernels = new ArrayList<>();
        for (Layer layer : layers) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            for (String key : layer.paramTable().keySet()) {
                if (Bop.canTrain(conf, key) && conf.getUpdaterByParam(key) instanceof Bop) {
                    kernels.add(new Kernel(layer, key));
                }
            }
        }
        return kernels;
    }
}
