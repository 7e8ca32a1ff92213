package org.bnn4j.export.rewrite;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.ActivationNode;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.export.graph.PoolNode;
import org.bnn4j.export.graph.ReshapeNode;
import org.bnn4j.runtime.format.OutputStage;

import java.util.ArrayList;
import java.util.List;

/**
 * When every reader of a dense or convolution node takes the sign of its output (a sign activation, or a layer
 * with a sign input quantizer), the node's channel transform only matters through its sign: it becomes a
 * per-channel threshold on the accumulator ({@link ThresholdSolver}), integer for XNOR/popcount accumulators.
 * Reshapes and max pooling are looked through, since sign commutes with both (sign is monotone, so the sign of a
 * maximum is the maximum of the signs). Sign activations reading the node are then no-ops and are fused into it
 * (the node takes the first one's name).
 *
 * <pre>{@code
 * // dense1 (+bn1) -> sign1 -> dense2(sign input)   becomes   sign1 (thresholds) -> dense2
 * ExportGraph g = new SignToThreshold().apply(new FoldBatchNorm().apply(graph));
 * }</pre>
 */
public final class SignToThreshold implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        ExportGraph g = graph;
        for (ExportNode original : graph.nodes()) {
            ExportNode n = g.node(original.name());
            if (n == null || !(n.op() instanceof LinearNode l) || l.transform() == null || !onlySignedReaders(g, n)) {
                continue;
            }
            LinearNode thresholded = l.withStage(thresholds(n, l));
            List<ExportNode> signs = new ArrayList<>();
            for (ExportNode reader : g.consumers(n.name())) {
                if (reader.op() instanceof ActivationNode a && a.isSign()) {
                    signs.add(reader);
                }
            }
            if (signs.isEmpty()) {
                g = g.mapNodes(x -> x.name().equals(n.name()) ? n.withOp(thresholded) : x);
                continue;
            }
            ExportNode first = signs.get(0);
            g = g.fuse(n, first, n.fusedInto(first, thresholded));
            for (ExportNode other : signs.subList(1, signs.size())) {
                g = g.bypass(other.name(), first.name());
            }
        }
        return g;
    }

    /** Whether the value is read, and only through its sign. */
    private static boolean onlySignedReaders(ExportGraph g, ExportNode n) {
        List<ExportNode> readers = g.consumers(n.name());
        if (readers.isEmpty() || n.name().equals(g.output())) {
            return false;
        }
        for (ExportNode r : readers) {
            boolean signs = r.op() instanceof ActivationNode a && a.isSign()
                    || r.op() instanceof LinearNode reader && reader.signInput()
                    || commutesWithSign(r) && onlySignedReaders(g, r);
            if (!signs) {
                return false;
            }
        }
        return true;
    }

    private static boolean commutesWithSign(ExportNode n) {
        return n.op() instanceof ReshapeNode || n.op() instanceof PoolNode p && p.kind().commutesWithSign();
    }

    private static OutputStage thresholds(ExportNode n, LinearNode l) {
        int nOut = l.nOut();
        boolean[] flip = new boolean[nOut];
        try {
            if (l.integerAccumulator()) {
                int[] t = new int[nOut];
                for (int o = 0; o < nOut; o++) {
                    ThresholdSolver.IntThreshold th = ThresholdSolver.integer(l.transform(), o, l.reductionLength());
                    t[o] = th.threshold();
                    flip[o] = th.flip();
                }
                return new OutputStage.IntThresholds(t, flip);
            }
            float[] t = new float[nOut];
            for (int o = 0; o < nOut; o++) {
                ThresholdSolver.FloatThreshold th = ThresholdSolver.real(l.transform(), o);
                t[o] = th.threshold();
                flip[o] = th.flip();
            }
            return new OutputStage.FloatThresholds(t, flip);
        } catch (BnnExportException e) {
            throw new BnnExportException(n.name() + ": " + e.getMessage(), e);
        }
    }
}
