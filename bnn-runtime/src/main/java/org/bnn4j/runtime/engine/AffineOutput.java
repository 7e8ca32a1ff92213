package org.bnn4j.runtime.engine;

/**
 * {@code y = mul[o] * acc + add[o]}: bias, XNOR-Net scale and a folded BatchNorm in one multiply-add.
 */
final class AffineOutput implements OutputWriter {
    private final float[] mul;
    private final float[] add;
    private final boolean integerAccumulator;
    private final int positions;

    AffineOutput(float[] mul, float[] add, boolean integerAccumulator, int positions) {
        this.mul = mul;
        this.add = add;
        this.integerAccumulator = integerAccumulator;
        this.positions = positions;
    }

    @Override
    public boolean producesBits() {
        return false;
    }

    @Override
    public void write(int position, int oFrom, int oTo, int[] ints, float[] floats, float[] realOut, long[] bitOut) {
        for (int o = oFrom; o < oTo; o++) {
            float acc = integerAccumulator ? (float) ints[o] : floats[o];
            realOut[o * positions + position] = mul[o] * acc + add[o];
        }
    }
}
