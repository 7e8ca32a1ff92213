package org.bnn4j.runtime.engine;

/**
 * Full-precision weights: {@code acc = sum_k w[o][k] * x[k]} over the {@code [tap][channel]} patch. The weights are
 * kept transposed ({@code [k][o]}) so that many output channels are summed at once ({@link FloatDots}: eight in
 * registers, or whole vectors with the Vector API), while every sum still adds its products in k order, exactly as
 * one sum at a time would (same bits). (A float stem convolution had been one dependent chain of adds per channel:
 * 56% of Bi-Real Net-18's time.)
 */
final class FloatKernel implements LinearKernel {
    /** Decided once per JVM: a constant the JIT folds, so the call below is direct. */
    private static final FloatDots DOTS = BitGemm.choice().floatDots();

    /** {@code [k][o]}: weight row o's k-th value at {@code k * nOut + o}. */
    private final float[] transposed;
    private final int rowLength;
    private final int nOut;

    /** @param weights {@code [nOut][taps][channels]} */
    FloatKernel(float[] weights, int rowLength) {
        this.rowLength = rowLength;
        this.nOut = weights.length / rowLength;
        this.transposed = new float[weights.length];
        for (int o = 0; o < nOut; o++) {
            for (int k = 0; k < rowLength; k++) {
                transposed[k * nOut + o] = weights[o * rowLength + k];
            }
        }
    }

    @Override
    public void accumulate(Patch[] patches, int count, int oFrom, int oTo, Accumulators acc) {
        for (int p = 0; p < count; p++) {
            DOTS.dots(transposed, nOut, patches[p].reals, rowLength, oFrom, oTo, acc.floats[p]);
        }
    }
}
