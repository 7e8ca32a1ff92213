package org.bnn4j.runtime.engine;

/**
 * Turns the accumulators of output channels {@code [oFrom, oTo)} of a tile of rows into the op's output. Row
 * {@code k} is output position {@code positions[k]} of an example whose output is {@code realOuts[k]} (floats,
 * {@code [o * area + position]}) or {@code bitOuts[k]} (packed signs, pixel-major).
 */
interface OutputWriter {

    boolean producesBits();

    void write(int count, int[] positions, Accumulators acc, int oFrom, int oTo, float[][] realOuts, long[][] bitOuts);
}
