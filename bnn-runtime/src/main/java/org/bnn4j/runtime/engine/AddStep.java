package org.bnn4j.runtime.engine;

/** Element-wise sum of values of one shape, in input order (a residual connection). */
final class AddStep implements Step {
    private final int[] inputs;
    private final int output;

    AddStep(int[] inputs, int output) {
        this.inputs = inputs.clone();
        this.output = output;
    }

    @Override
    public void run(Workspace ws) {
        float[] y = ws.floats[inputs[0]].clone();
        for (int i = 1; i < inputs.length; i++) {
            float[] x = ws.floats[inputs[i]];
            for (int k = 0; k < y.length; k++) {
                y[k] += x[k];
            }
        }
        ws.floats[output] = y;
    }
}
