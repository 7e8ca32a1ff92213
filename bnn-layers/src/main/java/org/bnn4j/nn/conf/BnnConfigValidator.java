package org.bnn4j.nn.conf;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds configurations that DL4J accepts but that silently do not do what a binarized network needs.
 *
 * <p>Today it knows one trap: DL4J 1.0.0-M2.1's {@code BatchNormalization} layer ignores the activation set
 * on its builder, so {@code new BatchNormalization.Builder().activation(new ActivationSteSign())} feeds
 * real values, not signs, to the next layer. Put the sign in an {@code ActivationLayer} after the
 * BatchNormalization instead. (Sigmoid, which every BatchNormalization inherits from DL4J's global
 * default, is not reported: nobody asked for it.)
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = ...;
 * BnnConfigValidator.check(conf);            // logs a warning per problem, returns them
 * BnnConfigValidator.requireValid(conf);     // throws IllegalArgumentException instead
 * }</pre>
 *
 * bnn4j's zoo models, exporter and command-line tools run these checks themselves.
 */
public final class BnnConfigValidator {
    private static final Logger log = LoggerFactory.getLogger(BnnConfigValidator.class);

    private BnnConfigValidator() {
    }

    /** Logs a warning for each problem found and returns them (empty when there is none). */
    public static List<String> check(MultiLayerConfiguration conf) {
        return warnAll(problems(conf));
    }

    /** Logs a warning for each problem found and returns them (empty when there is none). */
    public static List<String> check(ComputationGraphConfiguration conf) {
        return warnAll(problems(conf));
    }

    /** @throws IllegalArgumentException listing every problem, if there is any */
    public static void requireValid(MultiLayerConfiguration conf) {
        throwIfAny(problems(conf));
    }

    /** @throws IllegalArgumentException listing every problem, if there is any */
    public static void requireValid(ComputationGraphConfiguration conf) {
        throwIfAny(problems(conf));
    }

    public static List<String> problems(MultiLayerConfiguration conf) {
        List<String> problems = new ArrayList<>();
        List<NeuralNetConfiguration> confs = conf.getConfs();
        for (int i = 0; i < confs.size(); i++) {
            checkLayer(confs.get(i).getLayer(), "layer " + i, problems);
        }
        return problems;
    }

    public static List<String> problems(ComputationGraphConfiguration conf) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex) {
                checkLayer(((LayerVertex) e.getValue()).getLayerConf().getLayer(), "vertex \"" + e.getKey() + "\"", problems);
            }
        }
        return problems;
    }

    private static void checkLayer(Layer layer, String where, List<String> problems) {
        if (layer instanceof BatchNormalization) {
            IActivation activation = ((BatchNormalization) layer).getActivationFn();
            // Sigmoid is what every BatchNormalization inherits from DL4J's global default; nobody chose it.
            if (activation != null && !(activation instanceof ActivationIdentity) && !(activation instanceof ActivationSigmoid)) {
                problems.add("BatchNormalization at " + where + " (name=" + layer.getLayerName() + ") has activation "
                        + activation + ", which DL4J 1.0.0-M2.1 ignores: its output is passed on unactivated "
                        + "(not binarized). Move the activation into an ActivationLayer after it.");
            }
        }
    }

    private static List<String> warnAll(List<String> problems) {
        problems.forEach(log::warn);
        return problems;
    }

    private static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }
}
