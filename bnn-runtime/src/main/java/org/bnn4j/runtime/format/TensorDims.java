package org.bnn4j.runtime.format;

/** The dimensions the format prescribes for an op's tensors, shared by the reader, the writer and the validator. */
final class TensorDims {
    private TensorDims() {
    }

    /**
     * Weight tensor dims: {@code [nOut, rowChannels]} (dense) or {@code [nOut, kH, kW, rowChannels]} (convolution)
     * for float weights, where {@code rowChannels = nIn / groups}; bit-planes have {@code ceil(rowChannels / 64)}
     * words in place of {@code rowChannels}.
     */
    static int[] weights(int nOut, int rowChannels, Window window, boolean bitPlanes) {
        int last = bitPlanes ? BitPacking.words(rowChannels) : rowChannels;
        return window != null
                ? new int[]{nOut, window.kernelHeight(), window.kernelWidth(), last}
                : new int[]{nOut, last};
    }

    /** The weight dims of a valid op, for its kind of weights. */
    static int[] weights(LinearSpec l) {
        return weights(l.nOut(), l.channelsPerGroup(), l.window(), l.weights().kind().bitPlanes());
    }

    /** Number of elements of a tensor with these dims, {@code Long.MAX_VALUE} if that overflows a long. */
    static long elements(int[] dims) {
        long n = 1;
        for (int d : dims) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }
}
