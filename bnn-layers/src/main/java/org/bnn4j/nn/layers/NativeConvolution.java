package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.ConvolutionGeometry;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * 2D convolution (NCHW input, [out, in, kH, kW] kernel) on libnd4j's native {@code conv2d} and
 * {@code conv2d_bp} ops. DL4J 1.0.0-M2.1's stock ConvolutionLayer never reaches them on CPU.
 *
 * <p>Padding is passed to the op when it is zero-valued and symmetric; otherwise (a ±1 pad value, or the
 * asymmetric padding of ConvolutionMode.Same) the input is padded explicitly and the op runs unpadded.
 *
 * <p>A dilated kernel runs as the equivalent undilated kernel with zeros between its taps: libnd4j's
 * oneDNN path (used for float data) rejects dilated convolutions ("could not create a descriptor for a
 * dilated convolution"), and dilation is rare enough in binarized networks for the extra zeros not to matter.
 *
 * <p>{@link #depthwise} runs a depthwise convolution ({@code nIn} groups of one channel, {@code multiplier} outputs
 * each) on {@code depthwise_conv2d}/{@code depthwise_conv2d_bp} with the same padding and dilation handling. Its
 * kernel is laid out like a grouped convolution's, {@code [nIn * multiplier, 1, kH, kW]}, output channel
 * {@code c * multiplier + m} reading input channel c (libnd4j's own channel order).
 *
 * <pre>{@code
 * INDArray z = new NativeConvolution(geometry, 1.0).forward(x, w, bias, out);            // [N, nOut, outH, outW]
 * INDArray d = NativeConvolution.depthwise(geometry, 0.0, 2).forward(x, dw, null, out2); // nOut = 2 * nIn
 * }</pre>
 */
public final class NativeConvolution {
    private static final int NCHW = 0;
    private static final int WEIGHTS_OIHW = 1;
    /** depthwise_conv2d's weight format 1: [multiplier, nIn, kH, kW]. */
    private static final int WEIGHTS_MCHW = 1;
    private static final int VALID = 0;

    private final ConvolutionGeometry geometry;
    private final double padValue;
    private final boolean explicitPadding;
    /** Outputs per input channel of a depthwise convolution; 0 for an ordinary one. */
    private final int multiplier;

    public NativeConvolution(ConvolutionGeometry geometry, double padValue) {
        this(geometry, padValue, 0);
    }

    private NativeConvolution(ConvolutionGeometry geometry, double padValue, int multiplier) {
        this.geometry = geometry;
        this.padValue = padValue;
        this.explicitPadding = geometry.hasPadding() && (padValue != 0.0 || !geometry.isSymmetric());
        this.multiplier = multiplier;
    }

    /** A depthwise convolution with {@code multiplier} outputs per input channel. */
    public static NativeConvolution depthwise(ConvolutionGeometry geometry, double padValue, int multiplier) {
        if (multiplier < 1) {
            throw new IllegalArgumentException("depth multiplier must be >= 1, got " + multiplier);
        }
        return new NativeConvolution(geometry, padValue, multiplier);
    }

    private String op() {
        return multiplier == 0 ? "conv2d" : "depthwise_conv2d";
    }

    /** The kernel as the op reads it: OIHW as is; a depthwise [nIn * m, 1, kH, kW] as [m, nIn, kH, kW]. */
    private INDArray opKernel(INDArray w) {
        if (multiplier == 0) {
            return w;
        }
        long nIn = w.size(0) / multiplier;
        return w.reshape('c', nIn, multiplier, w.size(2), w.size(3)).permute(1, 0, 2, 3).dup('c');
    }

    /** Writes the op's kernel gradient back in this class's layout. */
    private void assignKernelGradient(INDArray target, INDArray opGradient) {
        if (multiplier == 0) {
            if (target != opGradient) {
                target.assign(opGradient);
            }
            return;
        }
        INDArray ours = opGradient.permute(1, 0, 2, 3).dup('c');
        target.assign(ours.reshape('c', target.shape()));
    }

    /** out = conv(x, w) + bias; {@code bias} is [nOut] or null, {@code out} is [N, nOut, outH, outW]. */
    public INDArray forward(INDArray x, INDArray w, INDArray bias, INDArray out) {
        INDArray source = padded(contiguous(x));
        w = opKernel(dilated(contiguous(w)));
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder(op())
                .addIntegerArguments(integerArguments());
        if (bias == null) {
            op.addInputs(source, w);
        } else {
            op.addInputs(source, w, bias);
        }
        Nd4j.exec(op.addOutputs(out).build());
        return out;
    }

    /**
     * Gradients given dL/dout: writes dL/dw into {@code weightGradient} ([nOut, nIn, kH, kW]) and dL/dbias
     * into {@code biasGradient} ([nOut], or null without bias) and returns dL/dx (a new array shaped like x;
     * a view into a larger one when padding was explicit).
     */
    public INDArray backward(INDArray x, INDArray w, INDArray bias, INDArray delta,
                             INDArray weightGradient, INDArray biasGradient) {
        INDArray source = padded(contiguous(x));
        boolean dilated = isDilated();
        INDArray spread = dilated(contiguous(w));
        w = opKernel(spread);
        delta = contiguous(delta);
        INDArray sourceGradient = source.ulike();
        boolean direct = !dilated && multiplier == 0;
        INDArray opKernelGradient = direct ? weightGradient : w.ulike();
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder(op() + "_bp")
                .addIntegerArguments(integerArguments());
        if (bias == null) {
            op.addInputs(source, w, delta).addOutputs(sourceGradient, opKernelGradient);
        } else {
            op.addInputs(source, w, bias, delta).addOutputs(sourceGradient, opKernelGradient, biasGradient);
        }
        Nd4j.exec(op.build());
        if (!direct) {
            INDArray spreadGradient = spread.ulike();
            assignKernelGradient(spreadGradient, opKernelGradient);
            weightGradient.assign(dilated ? spreadGradient.get(taps(spreadGradient)) : spreadGradient);
        }
        return explicitPadding ? sourceGradient.get(interior(x)) : sourceGradient;
    }

    private boolean isDilated() {
        int[] d = geometry.getDilation();
        return d[0] != 1 || d[1] != 1;
    }

    /** The kernel spread out to its effective size, zeros between the taps. */
    private INDArray dilated(INDArray w) {
        if (!isDilated()) {
            return w;
        }
        int[] k = geometry.getKernel();
        int[] d = geometry.getDilation();
        INDArray spread = Nd4j.zeros(w.dataType(), w.size(0), w.size(1), (k[0] - 1) * d[0] + 1, (k[1] - 1) * d[1] + 1);
        spread.get(taps(spread)).assign(w);
        return spread;
    }

    /** The positions of the real taps in a spread-out kernel. */
    private INDArrayIndex[] taps(INDArray spread) {
        int[] d = geometry.getDilation();
        return new INDArrayIndex[]{NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, d[0], spread.size(2)), NDArrayIndex.interval(0, d[1], spread.size(3))};
    }

    /** The native ops want dense C-ordered buffers; most inputs already are. */
    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    private INDArray padded(INDArray x) {
        if (!explicitPadding) {
            return x;
        }
        long h = x.size(2);
        long w = x.size(3);
        INDArray padded = Nd4j.valueArrayOf(new long[]{x.size(0), x.size(1),
                h + geometry.getPadTop() + geometry.getPadBottom(),
                w + geometry.getPadLeft() + geometry.getPadRight()}, padValue, x.dataType());
        padded.get(interior(x)).assign(x);
        return padded;
    }

    private INDArrayIndex[] interior(INDArray x) {
        return new INDArrayIndex[]{NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(geometry.getPadTop(), geometry.getPadTop() + x.size(2)),
                NDArrayIndex.interval(geometry.getPadLeft(), geometry.getPadLeft() + x.size(3))};
    }

    private int[] integerArguments() {
        int[] k = geometry.getKernel();
        int[] d = geometry.getDilation();
        int[] s = geometry.getStride();
        int padH = explicitPadding ? 0 : geometry.getPadTop();
        int padW = explicitPadding ? 0 : geometry.getPadLeft();
        // A dilated kernel is passed spread out (see dilated()), as an undilated one of the effective size.
        return new int[]{(k[0] - 1) * d[0] + 1, (k[1] - 1) * d[1] + 1, s[0], s[1], padH, padW, 1, 1, VALID, NCHW,
                multiplier == 0 ? WEIGHTS_OIHW : WEIGHTS_MCHW};
    }
}
