package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.BatchNormNode;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.LinearNode;

/**
 * Folds a BatchNorm into the dense or convolution node before it, when that node's output goes nowhere else: the
 * BatchNorm's parameters join the node's channel transform (exactly, not yet multiplied out) and the fused node
 * takes the BatchNorm's name, since it now computes the BatchNorm's output.
 *
 * <pre>{@code
 * // conv1 -> bn1 -> ...   becomes   bn1 (conv1 with bn1 folded in) -> ...
 * ExportGraph g = new FoldBatchNorm().apply(graph);
 * }</pre>
 */
public final class FoldBatchNorm implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        ExportGraph g = graph;
        for (ExportNode original : graph.nodes()) {
            ExportNode bn = g.node(original.name());
            if (bn == null || !(bn.op() instanceof BatchNormNode b)) {
                continue;
            }
            ExportNode producer = g.node(bn.input());
            if (producer != null && producer.op() instanceof LinearNode l && l.transform() != null
                    && !l.transform().hasBatchNorm() && l.nOut() == b.channels() && g.onlyReadBy(producer.name(), bn)) {
                LinearNode folded = l.withTransform(l.transform().withBatchNorm(b));
                g = g.fuse(producer, bn, producer.fusedInto(bn, folded));
            }
        }
        return g;
    }
}
