package org.bnn4j.tests.testutil;

import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Objects;

/**
 * A precision-2 kernel quantizer for tests (bnn4j's own ternary quantizers are being written elsewhere): weights
 * above {@code threshold * max|w|} become {@code +positive}, below minus that {@code -negative}, the rest 0, with a
 * straight-through gradient. Different positive and negative values mimic TTQ's Wp and Wn.
 */
public class TestTernaryQuantizer implements Quantizer {
    private double threshold = 0.3;
    private double positive = 1;
    private double negative = 1;

    public TestTernaryQuantizer() {
    }

    public TestTernaryQuantizer(double threshold, double positive, double negative) {
        this.threshold = threshold;
        this.positive = positive;
        this.negative = negative;
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        double delta = threshold * Transforms.abs(x, true).maxNumber().doubleValue();
        INDArray plus = x.gt(delta).castTo(x.dataType()).muli(positive);
        INDArray minus = x.lt(-delta).castTo(x.dataType()).muli(negative);
        return out.assign(plus.subi(minus));
    }

    @Override
    public INDArray backprop(INDArray x, INDArray gradient, INDArray out, QuantizationContext context) {
        return gradient == out ? out : out.assign(gradient);
    }

    @Override
    public int precision() {
        return 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestTernaryQuantizer t && t.threshold == threshold && t.positive == positive
                && t.negative == negative;
    }

    @Override
    public int hashCode() {
        return Objects.hash(threshold, positive, negative);
    }

    @Override
    public String toString() {
        return "TestTernaryQuantizer(" + threshold + ", " + positive + ", " + negative + ")";
    }
}
