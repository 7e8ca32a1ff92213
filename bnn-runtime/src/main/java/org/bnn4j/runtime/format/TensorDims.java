package org.bnn4j.runtime.format;

/** The dimensions the format prescribes for an op's tensors, shared by the reader and the writer. */
final class TensorDims {
    private TensorDims() {
    }

    /**
     * Weight tensor dims: {@code [nOut, nIn]} (dense) or {@code [nOut, kH, kW, nIn]} (convolution) for float
     * weights; bit-planes have {@code ceil(nIn / 64)} words in place of {@code nIn}.
     */
    static int[] weights(int nOut, int nIn, Window window, boolean float32) {
        int last = float32 ? nIn : BitPacking.words(nIn);
        return window != null
                ? new int[]{nOut, window.kernelHeight(), window.kernelWidth(), last}
                : new int[]{nOut, last};
    }
}
