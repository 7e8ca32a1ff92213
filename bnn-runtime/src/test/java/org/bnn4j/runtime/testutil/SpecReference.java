package org.bnn4j.runtime.testutil;

import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.AddSpec;
import org.bnn4j.runtime.format.AffineSpec;
import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.GlobalPoolSpec;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelValidator;
import org.bnn4j.runtime.format.OpSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.PoolSpec;
import org.bnn4j.runtime.format.ReshapeSpec;
import org.bnn4j.runtime.format.TransposeSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.runtime.format.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a model straight from the definitions in docs/FORMAT.md, element by element in double precision, with
 * none of the runtime's tricks (no XOR/popcount, no patches, no bit layouts): an independent oracle for the
 * runtime's kernels.
 */
public final class SpecReference {
    private SpecReference() {
    }

    /** Every value: index 0 the input, i + 1 the output of op i. */
    public static List<double[]> run(ModelSpec spec, float[] input) throws Exception {
        List<ValueShape> shapes = ModelValidator.validate(spec);
        List<double[]> values = new ArrayList<>();
        double[] x = new double[input.length];
        for (int i = 0; i < x.length; i++) x[i] = input[i];
        values.add(x);
        for (int i = 0; i < spec.ops().size(); i++) {
            OpSpec op = spec.ops().get(i);
            ValueShape in = shapes.get(op.inputs()[0]);
            ValueShape out = shapes.get(i + 1);
            values.add(eval(op, values, in, out));
        }
        return values;
    }

    /** One method per op, so a new op does not compile until the oracle evaluates it. */
    private static double[] eval(OpSpec op, List<double[]> values, ValueShape in, ValueShape out) {
        double[] x = values.get(op.inputs()[0]);
        return op.accept(new OpSpec.Visitor<double[], RuntimeException>() {
            @Override
            public double[] linear(LinearSpec l) {
                return SpecReference.linear(l, x, in, out);
            }

            @Override
            public double[] affine(AffineSpec a) {
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    int c = i / in.area();
                    y[i] = (double) a.mul()[c] * x[i] + a.add()[c];
                }
                return y;
            }

            @Override
            public double[] activation(ActivationSpec a) {
                return SpecReference.activation(a, x);
            }

            @Override
            public double[] pool(PoolSpec p) {
                return SpecReference.pool(p, x, in, out);
            }

            @Override
            public double[] globalPool(GlobalPoolSpec g) {
                double[] y = new double[in.channels()];
                for (int c = 0; c < y.length; c++) {
                    double acc = g.kind() == PoolKind.MAX ? Double.NEGATIVE_INFINITY : 0;
                    for (int i = 0; i < in.area(); i++) {
                        double v = x[c * in.area() + i];
                        acc = g.kind() == PoolKind.MAX ? Math.max(acc, v) : acc + v;
                    }
                    y[c] = g.kind() == PoolKind.AVG ? acc / in.area() : acc;
                }
                return y;
            }

            @Override
            public double[] add(AddSpec a) {
                double[] y = new double[x.length];
                for (int id : a.inputs()) {
                    double[] v = values.get(id);
                    for (int i = 0; i < y.length; i++) y[i] += v[i];
                }
                return y;
            }

            @Override
            public double[] reshape(ReshapeSpec r) {
                return x.clone(); // same elements, same order
            }

            @Override
            public double[] transpose(TransposeSpec t) {
                // by definition: out[i0][i1][i2] = in at index j with j[axes[k]] = i_k
                int[] d = in.dims();
                int[] o = out.dims();
                double[] y = new double[x.length];
                int[] j = new int[3];
                for (int a = 0; a < o[0]; a++) {
                    for (int b = 0; b < o[1]; b++) {
                        for (int c = 0; c < o[2]; c++) {
                            j[t.axes()[0]] = a;
                            j[t.axes()[1]] = b;
                            j[t.axes()[2]] = c;
                            y[(a * o[1] + b) * o[2] + c] = x[(j[0] * d[1] + j[1]) * d[2] + j[2]];
                        }
                    }
                }
                return y;
            }
        });
    }

    /**
     * acc[o] sums over the taps and over the input channels of o's group: with G groups, output o belongs to group
     * g = o / (nOut / G) and reads input channels g * (nIn / G) + ch for ch < nIn / G, with weight w[o][tap][ch].
     */
    private static double[] linear(LinearSpec l, double[] x, ValueShape in, ValueShape out) {
        Window w = l.window() != null ? l.window() : new Window(1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        int groupChannels = l.nIn() / l.groups();
        int groupOutputs = l.nOut() / l.groups();
        int h = l.window() != null ? in.height() : 1;
        int wd = l.window() != null ? in.width() : 1;
        double[] y = new double[(int) out.size()];
        for (int o = 0; o < l.nOut(); o++) {
            int firstChannel = o / groupOutputs * groupChannels;
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    double acc = 0;
                    for (int kh = 0; kh < w.kernelHeight(); kh++) {
                        for (int kw = 0; kw < w.kernelWidth(); kw++) {
                            int iy = oy * w.strideHeight() + kh * w.dilationHeight() - w.padTop();
                            int ix = ox * w.strideWidth() + kw * w.dilationWidth() - w.padLeft();
                            boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < wd;
                            int tap = kh * w.kernelWidth() + kw;
                            for (int ch = 0; ch < groupChannels; ch++) {
                                double v;
                                if (inside) {
                                    v = x[(firstChannel + ch) * h * wd + iy * wd + ix];
                                    if (l.inputMode() == InputMode.SIGN) v = v < 0 ? -1 : 1;
                                } else if (l.padValue() == 0) {
                                    continue;
                                } else {
                                    v = l.padValue();
                                }
                                acc += weight(l, o, tap, ch, groupChannels) * v;
                            }
                        }
                    }
                    y[o * out.area() + oy * out.width() + ox] = stage(l.stage(), o, acc);
                }
            }
        }
        return y;
    }

    /** Weight {@code [o][tap][ch]} of rows of {@code rowChannels} channels (bit rows: one word run per tap). */
    private static double weight(LinearSpec l, int o, int tap, int ch, int rowChannels) {
        int row = (o * l.taps() + tap) * BitPacking.words(rowChannels);
        if (l.weights() instanceof Weights.Float32 f) return f.values()[(o * l.taps() + tap) * rowChannels + ch];
        if (l.weights() instanceof Weights.Binary b) return BitPacking.getBit(b.words(), row, ch) ? -1 : 1;
        Weights.Ternary t = (Weights.Ternary) l.weights();
        if (BitPacking.getBit(t.plus(), row, ch)) return t.scaled() ? t.positiveScales()[o] : 1;
        if (BitPacking.getBit(t.minus(), row, ch)) return t.scaled() ? -t.negativeScales()[o] : -1;
        return 0;
    }

    private static double stage(OutputStage stage, int o, double acc) {
        if (stage instanceof OutputStage.Affine a) return (double) a.mul()[o] * acc + a.add()[o];
        boolean flip;
        double t;
        if (stage instanceof OutputStage.IntThresholds it) {
            flip = it.flip()[o];
            t = it.thresholds()[o];
        } else {
            OutputStage.FloatThresholds ft = (OutputStage.FloatThresholds) stage;
            flip = ft.flip()[o];
            t = ft.thresholds()[o];
        }
        return (flip ? acc <= t : acc >= t) ? 1 : -1;
    }

    private static double[] activation(ActivationSpec a, double[] x) {
        double[] y = new double[x.length];
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : x) max = Math.max(max, v);
        for (double v : x) sum += Math.exp(v - max);
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            y[i] = switch (a.kind()) {
                case SIGN -> v < 0 ? -1 : 1;
                case CLAMP -> Math.min(Math.max(v, a.a()), a.b());
                case LEAKY_RELU -> v < 0 ? a.a() * v : v;
                case TANH -> Math.tanh(v);
                case SIGMOID -> 1 / (1 + Math.exp(-v));
                case SOFTMAX -> Math.exp(v - max) / sum;
            };
        }
        return y;
    }

    private static double[] pool(PoolSpec p, double[] x, ValueShape in, ValueShape out) {
        Window w = p.window();
        double[] y = new double[(int) out.size()];
        for (int c = 0; c < in.channels(); c++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    double acc = p.kind() == PoolKind.MAX ? Double.NEGATIVE_INFINITY : 0;
                    int valid = 0;
                    for (int kh = 0; kh < w.kernelHeight(); kh++) {
                        for (int kw = 0; kw < w.kernelWidth(); kw++) {
                            int iy = oy * w.strideHeight() + kh * w.dilationHeight() - w.padTop();
                            int ix = ox * w.strideWidth() + kw * w.dilationWidth() - w.padLeft();
                            if (iy < 0 || iy >= in.height() || ix < 0 || ix >= in.width()) continue;
                            double v = x[c * in.area() + iy * in.width() + ix];
                            acc = p.kind() == PoolKind.MAX ? Math.max(acc, v) : acc + v;
                            valid++;
                        }
                    }
                    if (p.kind() == PoolKind.AVG) acc /= p.divideByValidCount() ? valid : w.taps();
                    y[c * out.area() + oy * out.width() + ox] = acc;
                }
            }
        }
        return y;
    }
}
