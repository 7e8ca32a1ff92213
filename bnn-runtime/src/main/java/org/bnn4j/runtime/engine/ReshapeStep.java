package org.bnn4j.runtime.engine;

/** A new shape for the same row-major floats: the output shares the input's array (values are never modified). */
final class ReshapeStep implements Step {
    private final int input;
    private final int output;

    ReshapeStep(int input, int output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public void run(Workspace ws) {
        ws.floats[output] = ws.floats[input];
    }
}
