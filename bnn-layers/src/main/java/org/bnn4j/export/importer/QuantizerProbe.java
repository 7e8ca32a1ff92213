package org.bnn4j.export.importer;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finds out what a quantizer does to activations at inference by running it on probe values, so any quantizer
 * class works as long as it behaves as sign (x < 0 gives -1, else +1) or as identity: the format has nothing
 * else for inputs.
 *
 * <pre>{@code
 * boolean sign = QuantizerProbe.isSign(new SteSign());   // true
 * }</pre>
 */
public final class QuantizerProbe {
    private static final float[] PROBE = {-3f, -1f, -0.25f, -1e-7f, 0f, 1e-7f, 0.25f, 1f, 3f};

    private QuantizerProbe() {
    }

    public static boolean isSign(Quantizer q) {
        float[] out = apply(q);
        for (int i = 0; i < PROBE.length; i++) {
            if (out[i] != (PROBE[i] < 0 ? -1f : 1f)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIdentity(Quantizer q) {
        float[] out = apply(q);
        for (int i = 0; i < PROBE.length; i++) {
            if (out[i] != PROBE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return true for a sign input quantizer, false for none (null) or an identity one
     * @throws BnnExportException for anything else, naming {@code where}
     */
    public static boolean signInput(Quantizer q, String where) {
        if (q == null || isIdentity(q)) {
            return false;
        }
        if (isSign(q)) {
            return true;
        }
        throw new BnnExportException(where + ": input quantizer " + q + " is neither sign (x < 0 -> -1, else +1) nor "
                + "identity at inference; the packed format can only binarize inputs with sign"
                + (q.precision() == 1 ? " (a scaled sign such as MagnitudeAwareSign on activations depends on the "
                + "whole batch and has no packed form)" : ""));
    }

    private static float[] apply(Quantizer q) {
        INDArray x = Nd4j.createFromArray(PROBE.clone()).castTo(DataType.FLOAT);
        return q.quantize(x, x.ulike(), QuantizationContext.inference()).toFloatVector();
    }
}
