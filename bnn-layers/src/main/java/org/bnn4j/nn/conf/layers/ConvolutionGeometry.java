package org.bnn4j.nn.conf.layers;

import org.deeplearning4j.nn.conf.ConvolutionMode;

import java.util.Arrays;

/**
 * Output size and the exact padding (top, bottom, left, right) of a 2D convolution, following DL4J's
 * convolution modes:
 * <ul>
 *   <li>{@code Truncate}: the configured padding on both sides; {@code out = (in + 2p - k_eff) / s + 1}, rounded down;</li>
 *   <li>{@code Strict}: as Truncate, but the division must be exact;</li>
 *   <li>{@code Same}: {@code out = ceil(in / s)}; the padding needed is split with the odd one at the bottom/right.</li>
 * </ul>
 * with {@code k_eff = k + (k - 1)(dilation - 1)}. The layers, the exporter and the runtime all use these
 * numbers, so the packed model pads exactly as training did.
 */
public final class ConvolutionGeometry {
    private final int[] kernel;
    private final int[] stride;
    private final int[] dilation;
    private final int padTop;
    private final int padBottom;
    private final int padLeft;
    private final int padRight;
    private final long outHeight;
    private final long outWidth;

    private ConvolutionGeometry(int[] kernel, int[] stride, int[] dilation, int padTop, int padBottom,
                                int padLeft, int padRight, long outHeight, long outWidth) {
        this.kernel = kernel;
        this.stride = stride;
        this.dilation = dilation;
        this.padTop = padTop;
        this.padBottom = padBottom;
        this.padLeft = padLeft;
        this.padRight = padRight;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
    }

    /**
     * @param layerDescription names the layer in error messages
     * @throws IllegalArgumentException when the kernel does not fit the (padded) input, or a Strict
     *                                  convolution does not divide exactly
     */
    public static ConvolutionGeometry of(String layerDescription, ConvolutionMode mode, int[] kernel, int[] stride,
                                         int[] padding, int[] dilation, long inHeight, long inWidth) {
        if (mode == ConvolutionMode.Causal) {
            throw new IllegalArgumentException(layerDescription + ": ConvolutionMode.Causal is only defined for 1D convolutions");
        }
        int effKernelH = kernel[0] + (kernel[0] - 1) * (dilation[0] - 1);
        int effKernelW = kernel[1] + (kernel[1] - 1) * (dilation[1] - 1);
        if (mode == ConvolutionMode.Same) {
            long outH = ceilDiv(inHeight, stride[0]);
            long outW = ceilDiv(inWidth, stride[1]);
            int totalH = (int) Math.max(0, (outH - 1) * stride[0] + effKernelH - inHeight);
            int totalW = (int) Math.max(0, (outW - 1) * stride[1] + effKernelW - inWidth);
            return new ConvolutionGeometry(kernel.clone(), stride.clone(), dilation.clone(),
                    totalH / 2, totalH - totalH / 2, totalW / 2, totalW - totalW / 2, outH, outW);
        }
        long outH = validSize(layerDescription, "height", mode, inHeight, effKernelH, padding[0], stride[0]);
        long outW = validSize(layerDescription, "width", mode, inWidth, effKernelW, padding[1], stride[1]);
        return new ConvolutionGeometry(kernel.clone(), stride.clone(), dilation.clone(),
                padding[0], padding[0], padding[1], padding[1], outH, outW);
    }

    private static long validSize(String layer, String axis, ConvolutionMode mode, long in, int effKernel, int pad, int stride) {
        long span = in + 2L * pad - effKernel;
        if (span < 0) {
            throw new IllegalArgumentException(layer + ": kernelSize " + axis + " (effective " + effKernel
                    + " with dilation) is larger than the input " + axis + " " + in + " plus padding 2*" + pad
                    + "; use a smaller kernel, more padding, or ConvolutionMode.Same");
        }
        if (mode == ConvolutionMode.Strict && span % stride != 0) {
            throw new IllegalArgumentException(layer + ": ConvolutionMode.Strict needs (in + 2*padding - kernel) "
                    + "divisible by stride along " + axis + ", got in=" + in + ", padding=" + pad + ", kernel="
                    + effKernel + ", stride=" + stride + "; use ConvolutionMode.Truncate or Same, or change the sizes");
        }
        return span / stride + 1;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    public int[] getKernel() {
        return kernel.clone();
    }

    public int[] getStride() {
        return stride.clone();
    }

    public int[] getDilation() {
        return dilation.clone();
    }

    public int getPadTop() {
        return padTop;
    }

    public int getPadBottom() {
        return padBottom;
    }

    public int getPadLeft() {
        return padLeft;
    }

    public int getPadRight() {
        return padRight;
    }

    public long getOutHeight() {
        return outHeight;
    }

    public long getOutWidth() {
        return outWidth;
    }

    public boolean hasPadding() {
        return padTop + padBottom + padLeft + padRight > 0;
    }

    /** Whether top equals bottom and left equals right (what a single pad-per-axis argument can express). */
    public boolean isSymmetric() {
        return padTop == padBottom && padLeft == padRight;
    }

    @Override
    public String toString() {
        return "ConvolutionGeometry{kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + ", dilation=" + Arrays.toString(dilation) + ", pad(t,b,l,r)=(" + padTop + "," + padBottom + ","
                + padLeft + "," + padRight + "), out=" + outHeight + "x" + outWidth + '}';
    }
}
