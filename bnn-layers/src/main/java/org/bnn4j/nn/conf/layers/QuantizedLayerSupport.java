package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.constraints.WeightClipConstraint;
import org.bnn4j.nn.params.ParamKeys;
import org.bnn4j.nn.params.QuantizedParamInitializer;
import org.bnn4j.nn.quantizers.QuantizerParameter;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Rules every quantized layer configuration shares: defaults, validation and warnings. */
final class QuantizedLayerSupport {
    private static final Logger log = LoggerFactory.getLogger(QuantizedLayerSupport.class);
    private static final String KERNEL_KEY = ParamKeys.KERNEL;

    private QuantizedLayerSupport() {
    }

    /**
     * The kernel constraints a builder ends up with: the user's if they set any (an empty list means "none,
     * on purpose"), else a [-1, 1] clip for a quantized kernel and nothing for a full-precision one.
     */
    static List<LayerConstraint> kernelConstraints(List<LayerConstraint> userChoice, Quantizer kernelQuantizer) {
        if (userChoice != null) {
            return userChoice;
        }
        return kernelQuantizer.precision() < 32
                ? Collections.singletonList(new WeightClipConstraint(-1, 1))
                : null;
    }

    static Quantizer requireKernelQuantizer(String layerType, String layerName, Quantizer quantizer) {
        if (quantizer == null) {
            throw new DL4JInvalidConfigException(describe(layerType, layerName, -1)
                    + ": kernelQuantizer must not be null (use new Identity() for full-precision weights)");
        }
        return quantizer;
    }

    static void requireNOut(String layerType, String layerName, long nOut) {
        if (nOut <= 0) {
            throw new DL4JInvalidConfigException(describe(layerType, layerName, -1)
                    + ": nOut must be set to a positive number of outputs, got " + nOut);
        }
    }

    /**
     * A TTQ preset's kernel quantizer: a new TrainedTernary for a thresholdFactor set on the builder (which must lie
     * in (0, 1)), else the builder's kernel quantizer, which must be a TrainedTernary.
     */
    static TrainedTernary trainedTernary(String layerType, String layerName, Double thresholdFactor, Quantizer current) {
        if (thresholdFactor != null) {
            if (!(thresholdFactor > 0 && thresholdFactor < 1)) {
                throw new DL4JInvalidConfigException(describe(layerType, layerName, -1)
                        + ": thresholdFactor must lie in (0, 1) (the paper uses 0.05), got " + thresholdFactor);
            }
            return new TrainedTernary(thresholdFactor);
        }
        if (!(current instanceof TrainedTernary)) {
            throw new DL4JInvalidConfigException(describe(layerType, layerName, -1) + ": " + layerType
                    + " is the TrainedTernary preset, got kernelQuantizer " + current
                    + "; use the general layer (QuantizedDenseLayer / QuantizedConvolutionLayer) for other quantizers");
        }
        return (TrainedTernary) current;
    }

    /** The TrainedTernary kernel quantizer a TTQ layer configuration must have. */
    static TrainedTernary trainedTernary(Layer layer, Quantizer kernelQuantizer) {
        if (!(kernelQuantizer instanceof TrainedTernary)) {
            throw new DL4JInvalidConfigException(describe(layer.getClass().getSimpleName(), layer.getLayerName(), -1)
                    + ": kernelQuantizer must be a TrainedTernary (set thresholdFactor on the builder), got " + kernelQuantizer);
        }
        return (TrainedTernary) kernelQuantizer;
    }

    /** An nIn the user set by hand must agree with what the previous layer produces. */
    static void requireMatchingNIn(String layerType, String layerName, long configured, long fromInput) {
        if (configured > 0 && configured != fromInput) {
            throw new DL4JInvalidConfigException(describe(layerType, layerName, -1) + ": nIn is set to " + configured
                    + " but the layer's input has size " + fromInput + "; remove nIn(...) or make them agree");
        }
    }

    /**
     * A binary kernel whose latent weights are never clipped can grow without bound and stop flipping.
     *
     * @return whether a warning was logged
     */
    static boolean warnIfUnclipped(Layer layer, Quantizer kernelQuantizer, int layerIndex) {
        if (kernelQuantizer.precision() >= 32) {
            return false;
        }
        List<LayerConstraint> constraints = layer.getConstraints();
        boolean clipped = constraints != null && constraints.stream().anyMatch(c -> c instanceof WeightClipConstraint);
        if (!clipped) {
            log.warn("{}: kernel quantizer {} has no WeightClipConstraint on its latent weights; they can grow "
                            + "without bound and stop flipping sign. Add .constrainWeights(new WeightClipConstraint(-1, 1)).",
                    describe(layer.getClass().getSimpleName(), layer.getLayerName(), layerIndex), kernelQuantizer);
        }
        return !clipped;
    }

    /**
     * Wires a new layer implementation as DL4J's own configurations do, after the checks every quantized layer
     * shares; a freshly initialised Bop kernel starts from the signs of its weight init.
     */
    static <C extends BaseLayer & QuantizedLayer, L extends org.deeplearning4j.nn.layers.BaseLayer<?>> L instantiate(
            C layerConf, L layer, NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams) {
        warnIfUnclipped(layerConf, layerConf.getKernelQuantizer(), layerIndex);
        boolean bopKernel = requireBopOnBinaryKernelOnly(layerConf, layerIndex);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = layerConf.initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        if (bopKernel && initializeParams) {
            INDArray w = paramTable.get(KERNEL_KEY);
            w.assign(w.gte(0).castTo(w.dataType()).muli(2).subi(1)); // exactly ±1; 0 counts as +1
        }
        return layer;
    }

    /** The updater of one parameter: the layer's kernelUpdater for the kernel "W" when set, else DL4J's choice. */
    static IUpdater updaterFor(String paramName, IUpdater kernelUpdater, IUpdater dl4jChoice) {
        return kernelUpdater != null && KERNEL_KEY.equals(paramName) ? kernelUpdater : dl4jChoice;
    }

    /**
     * A Bop kernel gets Bop's flip step instead of any regularization; a kernel quantizer's parameter gets the
     * layer's weight regularization when it says so, else none; other parameters keep DL4J's choice.
     */
    static List<Regularization> regularizationFor(BaseLayer layer, String paramName, IUpdater updater,
                                                  List<Regularization> dl4jChoice) {
        if (updater instanceof Bop bop && KERNEL_KEY.equals(paramName)) {
            return Collections.singletonList(bop.flipStep());
        }
        QuantizerParameter p = QuantizedParamInitializer.quantizerParameter(layer, paramName);
        if (p != null) {
            return p.regularized() ? layer.getRegularization() : Collections.emptyList();
        }
        return dl4jChoice;
    }

    /** Updater state for the kernel (with its own updater) plus the other parameters (with the layer's). */
    static long updaterStateSize(BaseLayer layer, long numParams, long kernelSize) {
        IUpdater kernel = layer.getUpdaterByParam(KERNEL_KEY);
        IUpdater rest = layer.getIUpdater();
        return (kernel == null ? 0 : kernel.stateSize(kernelSize))
                + (rest == null ? 0 : rest.stateSize(numParams - kernelSize));
    }

    /**
     * Bop flips binary weights: it may update the kernel of a 1-bit kernel quantizer and nothing else.
     *
     * @return whether the kernel is updated by Bop
     */
    static <C extends BaseLayer & QuantizedLayer> boolean requireBopOnBinaryKernelOnly(C layer, int layerIndex) {
        String where = describe(layer.getClass().getSimpleName(), layer.getLayerName(), layerIndex);
        for (String key : layer.initializer().paramKeys(layer)) {
            if (!KERNEL_KEY.equals(key) && layer.getUpdaterByParam(key) instanceof Bop) { // see Bop.canTrain
                throw new DL4JInvalidConfigException(where + ": updater Bop would also update parameter \"" + key
                        + "\", but Bop only flips binary kernel weights. Set it with .kernelUpdater(new Bop()) and keep a "
                        + "real-valued updater (e.g. Adam) for the layer");
            }
        }
        if (!(layer.getUpdaterByParam(KERNEL_KEY) instanceof Bop)) {
            return false;
        }
        Quantizer kernelQuantizer = layer.getKernelQuantizer();
        if (!Bop.canTrain(layer, KERNEL_KEY)) {
            throw new DL4JInvalidConfigException(where + ": kernelUpdater Bop flips binary weights, but kernelQuantizer "
                    + kernelQuantizer + " has " + kernelQuantizer.precision() + " bits; use a gradient updater (e.g. Adam) "
                    + "for this kernel");
        }
        List<Regularization> ignored = layer.getRegularization();
        if (ignored != null && !ignored.isEmpty()) {
            log.warn("{}: the kernel is trained by Bop, so its regularization {} is not applied (binary weights have a "
                    + "constant magnitude)", where, ignored);
        }
        return true;
    }

    static String describe(String layerType, String layerName, int layerIndex) {
        return layerType + " (name=" + (layerName == null ? "(not set)" : layerName)
                + (layerIndex >= 0 ? ", index=" + layerIndex : "") + ")";
    }
}
