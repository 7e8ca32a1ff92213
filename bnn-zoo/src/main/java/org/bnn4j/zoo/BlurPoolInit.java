package org.bnn4j.zoo;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initializes a 3x3 depthwise kernel to the binomial blur {@code [1 2 1]^T [1 2 1] / 16} in every channel: the fixed
 * low-pass filter of anti-aliased ("blur") pooling (Zhang, "Making Convolutional Networks Shift-Invariant Again",
 * 2019), which {@link QuickNet}'s transition blocks apply before subsampling. The layer using it is not trained
 * (its updater is {@code Sgd(0)}: DL4J's {@code NoOp} would apply the raw gradient), so the kernel stays the filter.
 */
public class BlurPoolInit implements IWeightInit {
    private static final double[] TAPS = {1, 2, 1};

    /** The filter value at row {@code i}, column {@code j} of the 3x3 kernel. */
    public static double tap(int i, int j) {
        return TAPS[i] * TAPS[j] / 16.0;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        if (shape.length != 4 || shape[2] != 3 || shape[3] != 3) {
            throw new IllegalArgumentException("BlurPoolInit: expected a [channels, 1, 3, 3] kernel, got "
                    + java.util.Arrays.toString(shape));
        }
        long perKernel = 9;
        double[] values = new double[Math.toIntExact(shape[0] * shape[1] * perKernel)];
        for (int k = 0; k < values.length; k++) {
            int tap = (int) (k % perKernel);
            values[k] = tap(tap / 3, tap % 3);
        }
        INDArray kernel = Nd4j.create(values, shape, 'c').castTo(paramView.dataType());
        paramView.assign(kernel.reshape(order, paramView.shape()));
        return paramView;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return BlurPoolInit.class.hashCode();
    }

    @Override
    public String toString() {
        return "BlurPoolInit()";
    }
}
