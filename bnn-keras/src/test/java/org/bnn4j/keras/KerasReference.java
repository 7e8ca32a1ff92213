package org.bnn4j.keras;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Larq/Keras inference written from their definitions, in Keras' own layouts (NHWC images, HWIO kernels), with
 * plain loops: the independent reference the imported networks are checked against.
 *
 * <pre>{@code
 * INDArray y = KerasReference.conv2d(xNhwc, kernelHwio, null, new int[]{1, 1}, new int[]{1, 1}, true, 1.0,
 *         KerasReference::sign, KerasReference.elementwise(KerasReference::sign));
 * }</pre>
 */
final class KerasReference {
    private KerasReference() {
    }

    /** Larq's sign: sign(0) = +1. */
    static double sign(double x) {
        return x >= 0 ? 1 : -1;
    }

    /** Larq's ste_tern: sign(sign(x + t) + sign(x - t)) with TensorFlow's sign(0) = 0. */
    static double tern(double x, float t) {
        return Math.signum(Math.signum(x + t) + Math.signum(x - t));
    }

    static UnaryOperator<INDArray> elementwise(DoubleUnaryOperator q) {
        return w -> map(w, q);
    }

    /** Larq's magnitude_aware_sign: mean |w| over all axes but the last (output channel), times sign(w). */
    static INDArray magnitudeAwareSign(INDArray w) {
        long channels = w.size(w.rank() - 1);
        INDArray flat = w.dup('c').reshape('c', w.length() / channels, channels);
        INDArray out = flat.ulike();
        for (int c = 0; c < channels; c++) {
            double mean = 0;
            for (int i = 0; i < flat.rows(); i++) {
                mean += Math.abs(flat.getDouble(i, c));
            }
            mean /= flat.rows();
            for (int i = 0; i < flat.rows(); i++) {
                out.putScalar(i, c, mean * sign(flat.getDouble(i, c)));
            }
        }
        return out.reshape('c', w.shape());
    }

    static INDArray map(INDArray x, DoubleUnaryOperator f) {
        INDArray out = Nd4j.create(DataType.DOUBLE, x.shape());
        INDArray flatIn = x.dup('c').reshape(x.length());
        INDArray flatOut = out.reshape(x.length());
        for (long i = 0; i < x.length(); i++) {
            flatOut.putScalar(i, f.applyAsDouble(flatIn.getDouble(i)));
        }
        return out;
    }

    /**
     * Keras Conv2D / DepthwiseConv2D on NHWC. For a depthwise kernel [kh, kw, c, m] set {@code depthwise}: output
     * channel c * m + j reads input channel c only. Larq pads the quantized input with padValue ("same" only).
     */
    static INDArray conv2d(INDArray x, INDArray kernel, INDArray bias, int[] s, int[] d, boolean same,
                           double padValue, DoubleUnaryOperator inputQ, UnaryOperator<INDArray> kernelQ,
                           boolean depthwise) {
        INDArray xq = inputQ == null ? x : map(x, inputQ);
        INDArray k = kernelQ.apply(kernel);
        long n = x.size(0), h = x.size(1), w = x.size(2), cin = x.size(3);
        long kh = k.size(0), kw = k.size(1), m = k.size(3);
        long cout = depthwise ? cin * m : m;
        long effH = (kh - 1) * d[0] + 1, effW = (kw - 1) * d[1] + 1;
        long oh = same ? (h + s[0] - 1) / s[0] : (h - effH) / s[0] + 1;
        long ow = same ? (w + s[1] - 1) / s[1] : (w - effW) / s[1] + 1;
        // TensorFlow: the odd pad goes to the bottom/right
        long top = same ? Math.max((oh - 1) * s[0] + effH - h, 0) / 2 : 0;
        long left = same ? Math.max((ow - 1) * s[1] + effW - w, 0) / 2 : 0;
        INDArray out = Nd4j.create(DataType.DOUBLE, n, oh, ow, cout);
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int co = 0; co < cout; co++) {
                        double acc = bias == null ? 0 : bias.getDouble(co);
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                long iy = oy * s[0] + ky * d[0] - top, ix = ox * s[1] + kx * d[1] - left;
                                boolean pad = iy < 0 || ix < 0 || iy >= h || ix >= w;
                                if (depthwise) {
                                    int ci = (int) (co / m);
                                    double v = pad ? padValue : xq.getDouble(b, iy, ix, ci);
                                    acc += v * k.getDouble(ky, kx, ci, co % m);
                                } else {
                                    for (int ci = 0; ci < cin; ci++) {
                                        double v = pad ? padValue : xq.getDouble(b, iy, ix, ci);
                                        acc += v * k.getDouble(ky, kx, ci, co);
                                    }
                                }
                            }
                        }
                        out.putScalar(new long[]{b, oy, ox, co}, acc);
                    }
                }
            }
        }
        return out;
    }

    /** Keras Dense on [N, in] with an [in, out] kernel. */
    static INDArray dense(INDArray x, INDArray kernel, INDArray bias, DoubleUnaryOperator inputQ,
                          UnaryOperator<INDArray> kernelQ) {
        INDArray xq = inputQ == null ? x.castTo(DataType.DOUBLE) : map(x, inputQ);
        INDArray out = xq.mmul(kernelQ.apply(kernel).castTo(DataType.DOUBLE));
        return bias == null ? out : out.addRowVector(bias.castTo(DataType.DOUBLE));
    }

    /** Keras BatchNormalization at inference on the last axis. */
    static INDArray batchNorm(INDArray x, INDArray gamma, INDArray beta, INDArray mean, INDArray var, double eps) {
        long c = x.size(x.rank() - 1);
        INDArray flat = x.castTo(DataType.DOUBLE).dup('c').reshape('c', x.length() / c, c);
        for (int i = 0; i < flat.rows(); i++) {
            for (int j = 0; j < c; j++) {
                double g = gamma == null ? 1 : gamma.getDouble(j), b = beta == null ? 0 : beta.getDouble(j);
                flat.putScalar(i, j, g * (flat.getDouble(i, j) - mean.getDouble(j)) / Math.sqrt(var.getDouble(j) + eps) + b);
            }
        }
        return flat.reshape('c', x.shape());
    }

    /**
     * Keras AveragePooling2D with padding "same" on NHWC, as TensorFlow defines it: ceil(in / stride) outputs, the
     * padding split with the odd one at the bottom/right, and each window averaged over the taps inside the image.
     */
    static INDArray averagePoolSame(INDArray x, int size, int stride) {
        long n = x.size(0), h = x.size(1), w = x.size(2), c = x.size(3);
        long oh = (h + stride - 1) / stride, ow = (w + stride - 1) / stride;
        long top = Math.max((oh - 1) * stride + size - h, 0) / 2, left = Math.max((ow - 1) * stride + size - w, 0) / 2;
        INDArray out = Nd4j.create(DataType.DOUBLE, n, oh, ow, c);
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    for (int ch = 0; ch < c; ch++) {
                        double sum = 0;
                        int taps = 0;
                        for (int i = 0; i < size; i++) {
                            for (int j = 0; j < size; j++) {
                                long r = y * stride + i - top, q = xx * stride + j - left;
                                if (r >= 0 && r < h && q >= 0 && q < w) {
                                    sum += x.getDouble(b, r, q, ch);
                                    taps++;
                                }
                            }
                        }
                        out.putScalar(new long[]{b, y, xx, ch}, sum / taps);
                    }
                }
            }
        }
        return out;
    }

    /** Keras MaxPooling2D / AveragePooling2D, "valid", on NHWC. */
    static INDArray pool(INDArray x, int size, boolean max) {
        long n = x.size(0), oh = x.size(1) / size, ow = x.size(2) / size, c = x.size(3);
        INDArray out = Nd4j.create(DataType.DOUBLE, n, oh, ow, c);
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < oh; y++) {
                for (int xx = 0; xx < ow; xx++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        for (int i = 0; i < size; i++) {
                            for (int j = 0; j < size; j++) {
                                double v = x.getDouble(b, y * size + i, xx * size + j, ch);
                                acc = max ? Math.max(acc, v) : acc + v / (size * size);
                            }
                        }
                        out.putScalar(new long[]{b, y, xx, ch}, acc);
                    }
                }
            }
        }
        return out;
    }
}
