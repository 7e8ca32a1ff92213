package org.bnn4j.nn;

/**
 * Axis lists for per-channel reductions: the quantizers' per-channel scales and the layers' per-channel bias
 * gradients both reduce over every axis but the channel one.
 *
 * <pre>{@code
 * INDArray perChannel = activations.sum(Axes.allBut(activations.rank(), 1));   // NCHW -> [C]
 * }</pre>
 */
public final class Axes {
    private Axes() {
    }

    /**
     * @return {@code 0 .. rank-1} without {@code axis}, in order
     * @throws IllegalArgumentException if {@code axis} is not an axis of a rank-{@code rank} array
     */
    public static int[] allBut(int rank, int axis) {
        if (axis < 0 || axis >= rank) {
            throw new IllegalArgumentException("channelAxis " + axis + " is out of range for a rank " + rank + " array");
        }
        int[] axes = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != axis) {
                axes[j++] = i;
            }
        }
        return axes;
    }
}
