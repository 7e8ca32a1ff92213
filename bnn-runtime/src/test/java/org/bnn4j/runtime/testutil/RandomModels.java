package org.bnn4j.runtime.testutil;

import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.runtime.format.Window;

import java.util.Random;

/**
 * Random but valid ops for property tests. Real numbers are small multiples of 1/8 (scales of 1/4), so every sum
 * the runtime forms in float32 is exact and threshold decisions can be compared exactly with the reference.
 */
public final class RandomModels {
    private final Random r;

    public RandomModels(long seed) {
        this.r = new Random(seed);
    }

    public Random random() {
        return r;
    }

    /** A multiple of 1/8 in [-range, range], zero included. */
    public float eighth(int range) {
        return (r.nextInt(16 * range + 1) - 8 * range) / 8f;
    }

    public float[] input(ValueShape shape) {
        float[] x = new float[(int) shape.size()];
        for (int i = 0; i < x.length; i++) x[i] = eighth(2);
        return x;
    }

    /** A window that fits an input of the given height and width. */
    public Window window(int height, int width) {
        while (true) {
            Window w = new Window(1 + r.nextInt(3), 1 + r.nextInt(3), 1 + r.nextInt(2), 1 + r.nextInt(2),
                    1 + r.nextInt(2), 1 + r.nextInt(2), r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3));
            if (w.outHeight(height) >= 1 && w.outWidth(width) >= 1) return w;
        }
    }

    /**
     * A dense ({@code in} is a vector) or convolution ({@code in} is an image) op with random input mode, weight kind,
     * pad value and output stage.
     */
    public LinearSpec linear(String name, int input, ValueShape in, int nOut, boolean threshold) {
        return linear(name, input, in, nOut, threshold, 1);
    }

    /** As {@link #linear(String, int, ValueShape, int, boolean)}, a convolution with {@code groups} groups. */
    public LinearSpec linear(String name, int input, ValueShape in, int nOut, boolean threshold, int groups) {
        InputMode mode = r.nextBoolean() ? InputMode.SIGN : InputMode.REAL;
        Window window = in.isImage() ? window(in.height(), in.width()) : null;
        int taps = window == null ? 1 : window.taps();
        Weights weights = weights(r.nextInt(4), nOut, taps, in.channels() / groups);
        int padValue = window == null ? 0 : r.nextInt(3) - 1;
        return withStage(new LinearSpec(name, input, mode, nOut, in.channels(), window, padValue, weights, null, groups),
                threshold);
    }

    /** An op with the given structure, random weights of the given kind and a random stage. */
    public LinearSpec linear(String name, int input, ValueShape in, int nOut, boolean threshold, int groups,
                             InputMode mode, int weightKind, Window window, int padValue) {
        int taps = window == null ? 1 : window.taps();
        Weights weights = weights(weightKind, nOut, taps, in.channels() / groups);
        return withStage(new LinearSpec(name, input, mode, nOut, in.channels(), window, padValue, weights, null, groups),
                threshold);
    }

    /** The op with random thresholds (spread over its accumulator's range) or a random affine stage. */
    public LinearSpec withStage(LinearSpec l, boolean threshold) {
        return l.withStage(threshold ? thresholds(l) : affine(l.nOut()));
    }

    /** @param kind 0 float32, 1 binary, 2 ternary, 3 scaled ternary */
    public Weights weights(int kind, int nOut, int taps, int channels) {
        int rows = nOut * taps;
        int n = rows * channels;
        if (kind == 0) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = eighth(2);
            return new Weights.Float32(v);
        }
        if (kind == 1) {
            boolean[] neg = new boolean[n];
            for (int i = 0; i < n; i++) neg[i] = r.nextBoolean();
            return new Weights.Binary(BitPacking.packRows(neg, rows, channels));
        }
        boolean[] plus = new boolean[n];
        boolean[] minus = new boolean[n];
        for (int i = 0; i < n; i++) {
            int t = r.nextInt(3) - 1;
            plus[i] = t > 0;
            minus[i] = t < 0;
        }
        long[] p = BitPacking.packRows(plus, rows, channels);
        long[] m = BitPacking.packRows(minus, rows, channels);
        if (kind == 2) return new Weights.Ternary(p, m);
        float[] wp = new float[nOut];
        float[] wn = new float[nOut];
        for (int o = 0; o < nOut; o++) {
            wp[o] = (1 + r.nextInt(8)) / 4f;
            wn[o] = (1 + r.nextInt(8)) / 4f;
        }
        return new Weights.Ternary(p, m, wp, wn);
    }

    public OutputStage.Affine affine(int channels) {
        float[] mul = new float[channels];
        float[] add = new float[channels];
        for (int o = 0; o < channels; o++) {
            mul[o] = eighth(2);
            add[o] = eighth(2);
        }
        return new OutputStage.Affine(mul, add);
    }

    /** Thresholds spread over the accumulator's range, so both outcomes occur; random flips. */
    public OutputStage thresholds(LinearSpec l) {
        int nOut = l.nOut();
        boolean[] flip = new boolean[nOut];
        for (int o = 0; o < nOut; o++) flip[o] = r.nextInt(4) == 0;
        int spread = (int) Math.max(1, Math.sqrt(l.reductionLength()));
        if (l.integerAccumulator()) {
            int[] t = new int[nOut];
            for (int o = 0; o < nOut; o++) t[o] = r.nextInt(2 * spread + 1) - spread;
            return new OutputStage.IntThresholds(t, flip);
        }
        float[] t = new float[nOut];
        for (int o = 0; o < nOut; o++) t[o] = (r.nextInt(16 * spread + 1) - 8 * spread) / 8f;
        return new OutputStage.FloatThresholds(t, flip);
    }
}
