package org.bnn4j.runtime;

import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.runtime.format.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Hand-built ternary tensors with hand-computed results (the exporter for bnn4j's ternary layers comes later;
 * the runtime and format support them now), and the exact boundaries of threshold comparisons.
 */
class TernaryAndThresholdTest {

    /** Packs ternary weights {-1, 0, +1} given row by row into (plus, minus) planes. */
    private static long[][] planes(int[][] rows) {
        int n = rows[0].length;
        boolean[] plus = new boolean[rows.length * n];
        boolean[] minus = new boolean[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < n; i++) {
                plus[r * n + i] = rows[r][i] > 0;
                minus[r * n + i] = rows[r][i] < 0;
            }
        }
        return new long[][]{BitPacking.packRows(plus, rows.length, n), BitPacking.packRows(minus, rows.length, n)};
    }

    private static OutputStage.Affine identity(int n) {
        float[] one = new float[n];
        java.util.Arrays.fill(one, 1f);
        return new OutputStage.Affine(one, new float[n]);
    }

    private static float[] run(LinearSpec op, ValueShape in, float... x) throws Exception {
        return BnnModel.of(new ModelSpec("test", in, List.of(op))).predict(x);
    }

    @Test
    void ttqDenseUsesSeparatePositiveAndNegativeScales() throws Exception {
        long[][] p = planes(new int[][]{{+1, -1, 0}, {-1, -1, +1}});
        Weights ttq = new Weights.Ternary(p[0], p[1], new float[]{2f, 1f}, new float[]{0.5f, 3f});
        // REAL input [1, 2, 3]: row 0 = 2*1 - 0.5*2 = 1; row 1 = 1*3 - 3*(1 + 2) = -6
        LinearSpec real = new LinearSpec("d", 0, InputMode.REAL, 2, 3, null, 0, ttq, identity(2));
        assertArrayEquals(new float[]{1f, -6f}, run(real, ValueShape.vector(3), 1f, 2f, 3f));
        // SIGN input of [1, -2, 0] is [+1, -1, +1]: row 0 = 2*1 - 0.5*(-1) = 2.5; row 1 = 1*1 - 3*(1 - 1) = 1
        LinearSpec sign = new LinearSpec("d", 0, InputMode.SIGN, 2, 3, null, 0, ttq, identity(2));
        assertArrayEquals(new float[]{2.5f, 1f}, run(sign, ValueShape.vector(3), 1f, -2f, 0f));
    }

    @Test
    void ternaryConvolutionWithZeroPaddingCountsOnlyInsideTaps() throws Exception {
        // one channel, 2x2 image [[1, -1], [-1, 1]], 2x2 kernel [[+1, 0], [-1, +1]], padding 1 on top/left only
        long[][] p = planes(new int[][]{{+1}, {0}, {-1}, {+1}}); // [nOut=1][kh][kw][c=1]: one row per tap
        Weights kernel = new Weights.Ternary(p[0], p[1]);
        Window w = new Window(2, 2, 1, 1, 1, 1, 1, 0, 1, 0);
        LinearSpec conv = new LinearSpec("c", 0, InputMode.SIGN, 1, 1, w, 0, kernel,
                new OutputStage.IntThresholds(new int[]{0}, new boolean[]{false}));
        LinearSpec affine = new LinearSpec("c", 0, InputMode.SIGN, 1, 1, w, 0, kernel, identity(1));
        // output (0,0): only tap (1,1) inside -> +1 * x[0][0] = 1
        // output (0,1): taps (1,0), (1,1) -> -1*x[0][0] + 1*x[0][1] = -1 - 1 = -2
        // output (1,0): taps (0,1), (1,1) -> 0*x[0][0] + 1*x[1][0] = -1
        // output (1,1): all taps -> 1*1 + 0 - 1*(-1) + 1*1 = 3
        assertArrayEquals(new float[]{1f, -2f, -1f, 3f}, run(affine, ValueShape.image(1, 2, 2), 1f, -1f, -1f, 1f));
        assertArrayEquals(new float[]{1f, -1f, -1f, 1f}, run(conv, ValueShape.image(1, 2, 2), 1f, -1f, -1f, 1f));
        // the same with +1 padding: padded taps count as +1
        // (0,0): +1*pad + 0 - 1*pad + 1*x00 = 1;   (0,1): +1*pad + 0 - 1*x00 + 1*x01 = -1
        // (1,0): +1*pad + 0 - 1*pad + 1*x10 = -1;  (1,1): 3 as before
        LinearSpec plusPad = new LinearSpec("c", 0, InputMode.SIGN, 1, 1, w, 1, kernel, identity(1));
        assertArrayEquals(new float[]{1f, -1f, -1f, 3f}, run(plusPad, ValueShape.image(1, 2, 2), 1f, -1f, -1f, 1f));
    }

    /** acc == t gives +1 in both directions; acc one past it gives -1; out-of-range thresholds make constants. */
    @Test
    void thresholdBoundariesAreInclusive() throws Exception {
        // 4 sign inputs all +1, weights all +1 on channel 0..5: acc = 4 for every channel
        int channels = 6;
        long[] words = new long[channels]; // one word per row, all bits 0 (+1)
        int[] t = {4, 5, 4, 3, -5, 5};
        boolean[] flip = {false, false, true, true, false, false};
        LinearSpec op = new LinearSpec("d", 0, InputMode.SIGN, channels, 4, null, 0, new Weights.Binary(words),
                new OutputStage.IntThresholds(t, flip));
        // 4>=4 +1; 4>=5 -1; 4<=4 +1; 4<=3 -1; 4>=-5 (constant +1); 4>=5 (constant -1)
        assertArrayEquals(new float[]{1, -1, 1, -1, 1, -1}, run(op, ValueShape.vector(4), 0f, 1f, 2f, 3f));
        float[] ft = {4f, Math.nextUp(4f), 4f, Math.nextDown(4f), Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        LinearSpec real = new LinearSpec("d", 0, InputMode.REAL, channels, 4, null, 0, new Weights.Binary(words),
                new OutputStage.FloatThresholds(ft, flip));
        assertArrayEquals(new float[]{1, -1, 1, -1, 1, -1}, run(real, ValueShape.vector(4), 1f, 1f, 1f, 1f));
    }

    /** Rows longer than a word, pad bits in the last word: XNOR/popcount must ignore them. */
    @Test
    void popcountIgnoresPadBitsAcrossWordBoundaries() throws Exception {
        for (int n : new int[]{63, 64, 65, 127, 128, 129}) {
            boolean[] neg = new boolean[n];
            float[] x = new float[n];
            int expected = 0;
            for (int i = 0; i < n; i++) {
                neg[i] = i % 3 == 0;
                x[i] = i % 5 == 0 ? -1f : 1f;
                expected += (neg[i] ? -1 : 1) * (int) x[i];
            }
            LinearSpec op = new LinearSpec("d", 0, InputMode.SIGN, 1, n, null, 0,
                    new Weights.Binary(BitPacking.packRows(neg, 1, n)), identity(1));
            assertArrayEquals(new float[]{expected}, run(op, ValueShape.vector(n), x), "n = " + n);
        }
    }
}
