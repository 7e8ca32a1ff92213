package org.bnn4j.runtime.engine;

/** The sign of a value that is already ±1 is the value itself: share its bits. */
final class AliasStep implements Step {
    private final int input;
    private final int output;

    AliasStep(int input, int output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public void run(Workspace ws) {
        ws.bits[output] = ws.bits[input];
    }
}
