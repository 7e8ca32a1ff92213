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

    /** Channel by channel, so the tile's consecutive positions are written next to each other. */
    @Override
    public void write(int count, int[] at, Accumulators acc, int oFrom, int oTo, float[][] realOuts, long[][] bitOuts) {
        for (int o = oFrom; o < oTo; o++) {
            float m = mul[o];
            float a = add[o];
            int base = o * positions;
            for (int k = 0; k < count; k++) {
                float value = integerAccumulator ? (float) acc.ints[k][o] : acc.floats[k][o];
                realOuts[k][base + at[k]] = m * value + a;
            }
        }
    }
}
