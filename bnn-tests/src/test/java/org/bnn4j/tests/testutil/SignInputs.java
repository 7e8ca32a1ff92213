package org.bnn4j.tests.testutil;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.runtime.Trace;
import org.bnn4j.nn.conf.layers.QuantizedLayer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/** Finds the real values a network binarizes, and whether float32 can decide their signs (see {@link RuntimeVsDl4j}). */
final class SignInputs {
    private SignInputs() {
    }

    /** A layer that takes the sign of the values it receives. */
    static boolean binarizesItsInput(Layer layer) {
        if (layer instanceof QuantizedLayer q) {
            return q.getInputQuantizer() != null && q.getInputQuantizer().precision() == 1;
        }
        return layer instanceof ActivationLayer a && a.getActivationFn() instanceof ActivationSteSign s
                && s.getQuantizer().precision() == 1;
    }

    /** What comparing the signs of one example's binarized real values found. */
    record Signs(long compared, long mismatches, boolean undecidable, String firstMismatch) {
    }

    /**
     * Compares, in example {@code i}, the sign of the runtime's value of every binarized real activation with the sign
     * of DL4J's. A difference where DL4J's value is within {@code fraction} of its layer's RMS of zero is a sign
     * float32 rounding decides (the example is undecidable); elsewhere it is a mismatch. Activations the runtime
     * folds away (BatchNorm into thresholds) have no runtime value and are checked as bits downstream instead.
     */
    static Signs check(Map<String, INDArray> signInputs, Trace trace, int i, double fraction) {
        long compared = 0;
        long mismatches = 0;
        boolean undecidable = false;
        String first = null;
        for (Map.Entry<String, INDArray> e : signInputs.entrySet()) {
            if (!trace.contains(e.getKey()) || trace.isBinary(e.getKey())) {
                continue;
            }
            float[] d = RuntimeVsDl4j.row(e.getValue(), i);
            float[] r = trace.values(e.getKey());
            double limit = fraction * rms(d);
            for (int k = 0; k < d.length; k++) {
                compared++;
                if ((d[k] < 0) != (r[k] < 0)) {
                    if (Math.abs(d[k]) < limit) {
                        undecidable = true;
                    } else {
                        mismatches++;
                        if (first == null) {
                            first = "example " + i + ", sign of " + e.getKey() + "[" + k + "]: DL4J " + d[k] + ", runtime " + r[k];
                        }
                    }
                }
            }
        }
        return new Signs(compared, mismatches, undecidable, first);
    }

    static double rms(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += (double) f * f;
        }
        return Math.sqrt(sum / Math.max(1, v.length));
    }
}
