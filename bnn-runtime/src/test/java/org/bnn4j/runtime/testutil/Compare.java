package org.bnn4j.runtime.testutil;

import org.bnn4j.runtime.BnnModel;
import org.bnn4j.runtime.Trace;
import org.bnn4j.runtime.format.ModelSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs a model on the runtime and on {@link SpecReference} and compares every op's output. */
public final class Compare {
    private Compare() {
    }

    /**
     * ±1 outputs must be identical; real outputs agree within {@code 1e-5} relative (the runtime rounds to float32
     * where the reference keeps doubles).
     */
    public static void runtimeMatchesReference(ModelSpec spec, float[] input, String what) throws Exception {
        BnnModel model = BnnModel.of(spec);
        Trace trace = model.trace(input);
        List<double[]> expected = SpecReference.run(spec, input);
        for (int i = 0; i < spec.ops().size(); i++) {
            String name = spec.ops().get(i).name();
            float[] actual = trace.values(name);
            double[] want = expected.get(i + 1);
            assertEquals(want.length, actual.length, what + ", op " + name + ": output length");
            for (int k = 0; k < want.length; k++) {
                double tolerance = trace.isBinary(name) ? 0 : 1e-5 * Math.max(1, Math.abs(want[k]));
                if (Math.abs(want[k] - actual[k]) > tolerance) {
                    fail(what + ", op " + i + " '" + name + "' (" + spec.ops().get(i) + "), element " + k
                            + ": reference " + want[k] + ", runtime " + actual[k]);
                }
            }
        }
        float[] out = model.predict(input);
        float[] last = trace.values(spec.ops().get(spec.ops().size() - 1).name());
        for (int k = 0; k < out.length; k++) {
            assertEquals(last[k], out[k], 0, what + ": predict() and trace() disagree");
        }
    }
}
