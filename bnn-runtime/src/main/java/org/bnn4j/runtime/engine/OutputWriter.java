package org.bnn4j.runtime.engine;

/**
 * Turns the accumulators of output channels {@code [oFrom, oTo)} at one output position into the op's output:
 * floats ({@code realOut[o * positions + position]}) or packed signs ({@code bitOut}, pixel-major).
 */
interface OutputWriter {

    boolean producesBits();

    void write(int position, int oFrom, int oTo, int[] ints, float[] floats, float[] realOut, long[] bitOut);
}
