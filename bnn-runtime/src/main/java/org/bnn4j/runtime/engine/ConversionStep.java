package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;

/**
 * Converts a value between its two forms: packs signs (float to bits, also the SIGN activation, which writes
 * another value) or unpacks bits to ±1 floats for an op that reads floats.
 */
final class ConversionStep implements Step {
    private final int from;
    private final int to;
    private final ValueShape shape;
    private final boolean pack;

    private ConversionStep(int from, int to, ValueShape shape, boolean pack) {
        this.from = from;
        this.to = to;
        this.shape = shape;
        this.pack = pack;
    }

    /** bits[to] = sign(floats[from]). */
    static ConversionStep packSigns(int from, int to, ValueShape shape) {
        return new ConversionStep(from, to, shape, true);
    }

    /** floats[value] = ±1 from bits[value]. */
    static ConversionStep unpack(int value, ValueShape shape) {
        return new ConversionStep(value, value, shape, false);
    }

    @Override
    public void run(Workspace ws) {
        if (pack) {
            ws.bits[to] = BitLayout.packSigns(ws.floats[from], shape);
        } else {
            ws.floats[to] = BitLayout.unpack(ws.bits[from], shape);
        }
    }
}
