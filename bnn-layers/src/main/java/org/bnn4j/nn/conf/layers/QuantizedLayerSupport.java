package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.constraints.WeightClipConstraint;
import org.bnn4j.nn.quantizers.Quantizer;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.List;

/** Rules every quantized layer configuration shares: defaults, validation and warnings. */
final class QuantizedLayerSupport {
    private static final Logger log = LoggerFactory.getLogger(QuantizedLayerSupport.class);

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

    static String describe(String layerType, String layerName, int layerIndex) {
        return layerType + " (name=" + (layerName == null ? "(not set)" : layerName)
                + (layerIndex >= 0 ? ", index=" + layerIndex : "") + ")";
    }
}
