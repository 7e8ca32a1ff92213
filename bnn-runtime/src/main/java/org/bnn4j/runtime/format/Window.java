package org.bnn4j.runtime.format;

/**
 * The sliding window of a CONV2D or POOL2D op: kernel, stride and dilation per axis and the exact padding on each
 * side. Output size along an axis is {@code floor((in + padBefore + padAfter - effectiveKernel) / stride) + 1} with
 * {@code effectiveKernel = (kernel - 1) * dilation + 1}; DL4J's Same, Truncate and Strict modes all reduce to it.
 *
 * <pre>{@code
 * Window w = new Window(3, 3, 2, 2, 1, 1, 0, 1, 0, 1);   // 3x3, stride 2, Same padding for an even input
 * int outH = w.outHeight(32);                            // 16
 * }</pre>
 */
public record Window(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                     int dilationHeight, int dilationWidth, int padTop, int padBottom, int padLeft, int padRight) {

    /**
     * {@code kernelHeight * kernelWidth}.
     *
     * @throws ArithmeticException if that exceeds an int (a window the validator rejects, see {@link #tapCount()})
     */
    public int taps() {
        return Math.toIntExact(tapCount());
    }

    /** {@code kernelHeight * kernelWidth} without overflow: two 16-bit fields of a file can make 2^32. */
    public long tapCount() {
        return (long) kernelHeight * kernelWidth;
    }

    /** @throws ArithmeticException if the extent exceeds an int (a window that fits no input) */
    public int effectiveKernelHeight() {
        return Math.toIntExact(extent(kernelHeight, dilationHeight));
    }

    /** @throws ArithmeticException if the extent exceeds an int (a window that fits no input) */
    public int effectiveKernelWidth() {
        return Math.toIntExact(extent(kernelWidth, dilationWidth));
    }

    /** @return the output height, or a value below 1 when the window does not fit */
    public int outHeight(int inHeight) {
        return outSize(inHeight, padTop, padBottom, extent(kernelHeight, dilationHeight), strideHeight);
    }

    /** @return the output width, or a value below 1 when the window does not fit */
    public int outWidth(int inWidth) {
        return outSize(inWidth, padLeft, padRight, extent(kernelWidth, dilationWidth), strideWidth);
    }

    /** {@code (kernel - 1) * dilation + 1} in long: up to 2^32 for 16-bit fields. */
    private static long extent(int kernel, int dilation) {
        return (long) (kernel - 1) * dilation + 1;
    }

    /** All in long; the result is at most {@code in + before + after + 1}. */
    private static int outSize(int in, int before, int after, long extent, int stride) {
        long span = (long) in + before + after - extent;
        return span < 0 ? 0 : (int) (span / stride + 1);
    }

    /** The input row that kernel row {@code kh} of output row {@code oy} reads (negative or past the end: padding). */
    public int inputRow(int oy, int kh) {
        return oy * strideHeight + kh * dilationHeight - padTop;
    }

    /** The input column that kernel column {@code kw} of output column {@code ox} reads. */
    public int inputColumn(int ox, int kw) {
        return ox * strideWidth + kw * dilationWidth - padLeft;
    }

    public boolean hasPadding() {
        return padTop + padBottom + padLeft + padRight > 0;
    }

    @Override
    public String toString() {
        return "kernel " + kernelHeight + "x" + kernelWidth + ", stride " + strideHeight + "x" + strideWidth
                + ", dilation " + dilationHeight + "x" + dilationWidth + ", pad (t,b,l,r) (" + padTop + "," + padBottom
                + "," + padLeft + "," + padRight + ")";
    }
}
