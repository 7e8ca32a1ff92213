package org.bnn4j.nn.conf;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.QuantizedLayer;
import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds configurations that DL4J accepts but that silently do not do what a binarized network needs.
 *
 * <p>It knows these traps:
 * <ul>
 *   <li>DL4J 1.0.0-M2.1's {@code BatchNormalization} layer ignores the activation set on its builder, so
 *       {@code new BatchNormalization.Builder().activation(new ActivationSteSign())} feeds real values, not
 *       signs, to the next layer. Put the sign in an {@code ActivationLayer} after the BatchNormalization
 *       instead. (Sigmoid, which every BatchNormalization inherits from DL4J's global default, is not
 *       reported: nobody asked for it.)</li>
 *   <li>{@link Bop} only trains the binary kernels of bnn4j's quantized layers ({@code kernelUpdater(new Bop())}).
 *       Any other parameter given Bop, e.g. through a network-wide {@code .updater(new Bop())}, would not be
 *       trained at all.</li>
 *   <li>A layer that binarizes its input (a 1-bit input quantizer, or an {@code ActivationSteSign}) reading the
 *       output of an activation that is never negative (ReLU, sigmoid, softmax, ...): sign(0) = +1, so every
 *       input bit is +1, the layer's output is constant, and a BatchNormalization after it has a variance of zero
 *       (its output blows up at inference). Binarize a value centred on zero, e.g. a BatchNormalization's output.</li>
 *   <li>An ActivationLayer in a graph reading a value another vertex also reads (see below).</li>
 * </ul>
 *
 * <pre>{@code
 * MultiLayerConfiguration conf = ...;
 * BnnConfigValidator.check(conf);            // logs a warning per problem, returns them
 * BnnConfigValidator.requireValid(conf);     // throws IllegalArgumentException instead
 * }</pre>
 *
 * bnn4j's zoo models and command-line tools run these checks themselves, and {@code BnnExporter} logs every problem
 * they find as a warning before it exports.
 */
public final class BnnConfigValidator {
    private static final Logger log = LoggerFactory.getLogger(BnnConfigValidator.class);
    /** Activations whose output is never negative: a sign of it is always +1. */
    private static final Set<Class<?>> NEVER_NEGATIVE = Set.of(ActivationReLU.class,
            ActivationReLU6.class, ActivationSigmoid.class, ActivationHardSigmoid.class, ActivationSoftmax.class,
            ActivationSoftPlus.class);

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
            int source = i - 1;
            while (source >= 0 && passesValuesOn(confs.get(source).getLayer())) {
                source--;
            }
            if (source >= 0) {
                checkSignOfNonNegative(confs.get(i).getLayer(), "layer " + i, confs.get(source).getLayer(),
                        "layer " + source, problems);
            }
        }
        return problems;
    }

    public static List<String> problems(ComputationGraphConfiguration conf) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex) {
                Layer layer = ((LayerVertex) e.getValue()).getLayerConf().getLayer();
                checkLayer(layer, "vertex \"" + e.getKey() + "\"", problems);
                if (layer instanceof ActivationLayer) {
                    checkSharedActivationInput(conf, e.getKey(), problems);
                }
                for (String input : conf.getVertexInputs().get(e.getKey())) {
                    String sourceName = valueSource(conf, input);
                    if (conf.getVertices().get(sourceName) instanceof LayerVertex source) {
                        checkSignOfNonNegative(layer, "vertex \"" + e.getKey() + "\"",
                                source.getLayerConf().getLayer(), "vertex \"" + sourceName + "\"", problems);
                    }
                }
            }
        }
        return problems;
    }

    /**
     * At inference DL4J 1.0.0-M2.1's ActivationLayer applies its activation in place on its input array; when
     * another vertex reads the same input (a residual shortcut, say), that vertex silently receives activated
     * values at inference but not in training.
     */
    private static void checkSharedActivationInput(ComputationGraphConfiguration conf, String activationVertex,
                                                   List<String> problems) {
        for (String input : conf.getVertexInputs().get(activationVertex)) {
            List<String> otherReaders = new ArrayList<>();
            conf.getVertexInputs().forEach((vertex, inputs) -> {
                if (!vertex.equals(activationVertex) && inputs.contains(input)) {
                    otherReaders.add(vertex);
                }
            });
            if (!otherReaders.isEmpty()) {
                problems.add("ActivationLayer at vertex \"" + activationVertex + "\" reads \"" + input + "\", which "
                        + otherReaders + " also read. DL4J 1.0.0-M2.1 applies an ActivationLayer in place at inference, "
                        + "so they would see activated values at inference (not in training). Activate a value only "
                        + "one vertex reads, e.g. after the addition.");
            }
        }
    }

    private static void checkSignOfNonNegative(Layer reader, String readerWhere, Layer source, String sourceWhere,
                                               List<String> problems) {
        IActivation activation = appliedActivation(source);
        if (binarizesInput(reader) && activation != null && NEVER_NEGATIVE.contains(activation.getClass())) {
            problems.add(reader.getClass().getSimpleName() + " at " + readerWhere + " (name=" + reader.getLayerName()
                    + ") binarizes the output of " + sourceWhere + " (name=" + source.getLayerName() + "), activation "
                    + activation + ", which is never negative: every input sign is +1, the layer's output is constant "
                    + "and a BatchNormalization after it divides by a variance of zero at inference. Binarize a "
                    + "value centred on zero instead (e.g. drop the activation and read a BatchNormalization's output).");
        }
    }

    /** The activation a layer really applies (BatchNormalization ignores its own: see the class Javadoc). */
    private static IActivation appliedActivation(Layer layer) {
        if (layer instanceof ActivationLayer a) {
            return a.getActivationFn();
        }
        return layer instanceof BaseLayer b && !(layer instanceof BatchNormalization) && !passesValuesOn(layer)
                ? b.getActivationFn() : null;
    }

    /**
     * Layers that apply no activation (whatever they inherit from DL4J's global default) and keep the sign of what
     * they read: dropout (inactive at inference, a positive factor in training) and pooling (a max or mean of
     * never-negative values is never negative). A sign after them is a sign of what came before them.
     */
    private static boolean passesValuesOn(Layer layer) {
        return layer instanceof DropoutLayer || layer instanceof SubsamplingLayer || layer instanceof GlobalPoolingLayer;
    }

    /** The vertex whose values {@code vertex} passes on, looking through single-input pass-through layers. */
    private static String valueSource(ComputationGraphConfiguration conf, String vertex) {
        String current = vertex;
        for (int guard = 0; guard < conf.getVertices().size(); guard++) {
            List<String> inputs = conf.getVertexInputs().get(current);
            if (!(conf.getVertices().get(current) instanceof LayerVertex lv) || !passesValuesOn(lv.getLayerConf().getLayer())
                    || inputs == null || inputs.size() != 1) {
                return current;
            }
            current = inputs.get(0);
        }
        return current;
    }

    private static boolean binarizesInput(Layer layer) {
        if (layer instanceof QuantizedLayer q) {
            return q.getInputQuantizer() != null && q.getInputQuantizer().precision() == 1;
        }
        return layer instanceof ActivationLayer a && a.getActivationFn() instanceof ActivationSteSign s
                && s.getQuantizer().precision() == 1;
    }

    private static void checkLayer(Layer layer, String where, List<String> problems) {
        checkBop(layer, where, problems);
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

    private static void checkBop(Layer layer, String where, List<String> problems) {
        if (!(layer instanceof BaseLayer)) {
            return;
        }
        BaseLayer trainable = (BaseLayer) layer;
        for (String param : trainable.initializer().paramKeys(trainable)) {
            if (!Bop.canTrain(layer, param) && trainable.getUpdaterByParam(param) instanceof Bop) {
                problems.add(layer.getClass().getSimpleName() + " at " + where + " (name=" + layer.getLayerName()
                        + ") has updater Bop for parameter \"" + param + "\", which Bop cannot train: it only flips the "
                        + "binary (1-bit) kernels of bnn4j's quantized layers. Give the network a real-valued updater (e.g. Adam) and "
                        + "set Bop with kernelUpdater(new Bop()) on the binarized layers.");
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
