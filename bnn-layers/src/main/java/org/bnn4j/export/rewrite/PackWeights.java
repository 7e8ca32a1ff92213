package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.LinearWeights;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.Weights;

/**
 * Packs binary and ternary kernels into 64-bit words along the reduction axis (each kernel tap's input channels
 * a row of its own, bit 1 = -1), as the format lays them out, with the runtime's own {@link BitPacking}.
 * Kernels must have their scales absorbed by now (except TTQ's, which the format keeps).
 *
 * <pre>{@code
 * ExportGraph g = new PackWeights().apply(graph);   // every kernel is LinearWeights.Packed
 * }</pre>
 */
public final class PackWeights implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        return graph.mapNodes(n -> n.op() instanceof LinearNode l ? n.withOp(l.withWeights(pack(n, l))) : n);
    }

    private static LinearWeights pack(ExportNode n, LinearNode l) {
        int rows = l.nOut() * l.taps();
        if (l.weights() instanceof LinearWeights.Binary b) {
            if (b.scale() != null) {
                throw new IllegalStateException(n.name() + ": binary kernel scales must be absorbed before packing");
            }
            return new LinearWeights.Packed(new Weights.Binary(BitPacking.packRows(b.negative(), rows, l.channelsPerGroup())));
        }
        if (l.weights() instanceof LinearWeights.Ternary t) {
            long[] plus = BitPacking.packRows(t.plus(), rows, l.channelsPerGroup());
            long[] minus = BitPacking.packRows(t.minus(), rows, l.channelsPerGroup());
            return new LinearWeights.Packed(t.positiveScale() == null ? new Weights.Ternary(plus, minus)
                    : new Weights.Ternary(plus, minus, toFloats(t.positiveScale()), toFloats(t.negativeScale())));
        }
        if (l.weights() instanceof LinearWeights.Float32 f) {
            return new LinearWeights.Packed(new Weights.Float32(f.values()));
        }
        if (l.weights() instanceof LinearWeights.Packed) {
            return l.weights();
        }
        throw new IllegalStateException(n.name() + ": kernel " + l.weights().describe() + " must be decomposed before packing");
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
