package org.bnn4j.export.importer;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.ActivationNode;
import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.runtime.format.ActivationKind;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Maps ND4J activations onto the format's: sign ({@link ActivationSteSign} with a sign quantizer), ReLU, ReLU6 and
 * hard tanh as clamps, leaky ReLU, tanh, sigmoid, softmax. Identity maps to nothing.
 *
 * <pre>{@code
 * ActivationNode relu = ActivationMapper.map(new ActivationReLU(), "dense1");   // CLAMP(0, +inf)
 * }</pre>
 */
public final class ActivationMapper {
    private ActivationMapper() {
    }

    /** @return the node, or null for identity */
    public static ActivationNode map(IActivation a, String where) {
        if (a == null || a instanceof ActivationIdentity) {
            return null;
        }
        if (a instanceof ActivationSteSign s) {
            if (!QuantizerProbe.isSign(s.getQuantizer())) {
                throw new BnnExportException(where + ": activation " + a + " does not compute sign at inference; only "
                        + "sign quantizers can be exported as activations");
            }
            return ActivationNode.sign();
        }
        if (a instanceof ActivationReLU r) {
            if (r.getThreshold() != null || r.getNegativeSlope() != null) {
                throw new BnnExportException(where + ": ReLU with a threshold or negative slope is not supported; "
                        + "use ActivationLReLU for a leaky ReLU");
            }
            return new ActivationNode(ActivationKind.CLAMP, 0f,
                    r.getMax() == null ? Float.POSITIVE_INFINITY : r.getMax().floatValue());
        }
        if (a instanceof ActivationReLU6) {
            return new ActivationNode(ActivationKind.CLAMP, 0f, 6f);
        }
        if (a instanceof ActivationHardTanH) {
            return new ActivationNode(ActivationKind.CLAMP, -1f, 1f);
        }
        if (a instanceof ActivationLReLU l) {
            return new ActivationNode(ActivationKind.LEAKY_RELU, (float) l.getAlpha(), 0f);
        }
        if (a instanceof ActivationTanH) {
            return new ActivationNode(ActivationKind.TANH, 0f, 0f);
        }
        if (a instanceof ActivationSigmoid) {
            return new ActivationNode(ActivationKind.SIGMOID, 0f, 0f);
        }
        if (a instanceof ActivationSoftmax) {
            return new ActivationNode(ActivationKind.SOFTMAX, 0f, 0f);
        }
        throw new BnnExportException(where + ": activation " + a + " (" + a.getClass().getSimpleName() + ") is not "
                + "supported; supported: identity, sign (ActivationSteSign), relu, relu6, hardtanh, leakyrelu, tanh, "
                + "sigmoid, softmax");
    }
}
