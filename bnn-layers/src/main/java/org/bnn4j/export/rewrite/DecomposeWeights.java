package org.bnn4j.export.rewrite;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.LinearWeights;
import org.bnn4j.export.graph.LinearNode;

/**
 * Reads the quantized kernel values a layer's kernel quantizer produced and states them exactly in the format's
 * terms. Precision 1: within each output channel every value is {@code +a} or {@code -a} (a sign, or XNOR-Net's
 * {@code alpha * sign}); precision 2: values {@code +p}, 0 and {@code -n} (ternary, TTQ's {@code Wp} and
 * {@code Wn}); precision 32: float. Values that do not have that structure cannot be packed without changing the
 * model, and are an error naming the layer and channel.
 *
 * <pre>{@code
 * ExportGraph g = new DecomposeWeights().apply(graph);   // Quantized kernels become Binary/Ternary/Float32
 * }</pre>
 */
public final class DecomposeWeights implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        return graph.mapNodes(n -> n.op() instanceof LinearNode l && l.weights() instanceof LinearWeights.Quantized q
                ? n.withOp(l.withWeights(decompose(n, l, q))) : n);
    }

    private static LinearWeights decompose(ExportNode node, LinearNode l, LinearWeights.Quantized q) {
        int rowLength = Math.toIntExact(l.reductionLength());
        return switch (q.precision()) {
            case 1 -> binary(node, q, l.nOut(), rowLength);
            case 2 -> ternary(node, q, l.nOut(), rowLength);
            case 32 -> new LinearWeights.Float32(q.values().clone());
            default -> throw new BnnExportException(node.name() + ": kernel quantizer " + q.quantizer()
                    + " has precision " + q.precision() + "; the format stores 1-bit, 2-bit (ternary) or 32-bit weights");
        };
    }

    private static LinearWeights.Binary binary(ExportNode node, LinearWeights.Quantized q, int nOut, int rowLength) {
        float[] v = q.values();
        boolean[] negative = new boolean[v.length];
        double[] scale = new double[nOut];
        for (int o = 0; o < nOut; o++) {
            float magnitude = Math.abs(v[o * rowLength]);
            for (int i = o * rowLength; i < (o + 1) * rowLength; i++) {
                if (Math.abs(v[i]) != magnitude || Float.isNaN(v[i])) {
                    throw inexact(node, q, o, "binary weights must all be +a or -a within an output channel, found "
                            + magnitude + " and " + v[i]);
                }
                negative[i] = v[i] < 0;
            }
            scale[o] = magnitude;
        }
        return new LinearWeights.Binary(negative, scale);
    }

    private static LinearWeights.Ternary ternary(ExportNode node, LinearWeights.Quantized q, int nOut, int rowLength) {
        float[] v = q.values();
        boolean[] plus = new boolean[v.length];
        boolean[] minus = new boolean[v.length];
        double[] positive = new double[nOut];
        double[] negative = new double[nOut];
        for (int o = 0; o < nOut; o++) {
            float p = Float.NaN;
            float n = Float.NaN;
            for (int i = o * rowLength; i < (o + 1) * rowLength; i++) {
                if (v[i] > 0) {
                    p = same(node, q, o, p, v[i], "positive");
                    plus[i] = true;
                } else if (v[i] < 0) {
                    n = same(node, q, o, n, -v[i], "negative");
                    minus[i] = true;
                } else if (v[i] != 0) {
                    throw inexact(node, q, o, "NaN weight");
                }
            }
            // a side with no weights takes the other's scale (then the channel is symmetric); none at all: 1
            positive[o] = !Float.isNaN(p) ? p : !Float.isNaN(n) ? n : 1;
            negative[o] = !Float.isNaN(n) ? n : positive[o];
        }
        return new LinearWeights.Ternary(plus, minus, positive, negative);
    }

    private static float same(ExportNode node, LinearWeights.Quantized q, int o, float seen, float value, String side) {
        if (!Float.isNaN(seen) && seen != value) {
            throw inexact(node, q, o, "ternary weights need one " + side + " magnitude per output channel, found "
                    + seen + " and " + value);
        }
        return value;
    }

    private static BnnExportException inexact(ExportNode node, LinearWeights.Quantized q, int channel, String what) {
        return new BnnExportException(node.name() + ": kernel quantizer " + q.quantizer() + " (precision "
                + q.precision() + "), output channel " + channel + ": " + what + "; the kernel cannot be packed exactly");
    }
}
