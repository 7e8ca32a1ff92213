package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.LinearWeights;
import org.bnn4j.export.graph.LinearNode;

import java.util.Arrays;

/**
 * Moves per-output-channel kernel scales (XNOR-Net's alpha, a symmetric ternary scale) out of the kernel into the
 * node's channel transform, leaving pure ±1 / {-1, 0, +1} weights for XNOR and popcount. Ternary kernels whose
 * positive and negative scales differ in some channel (TTQ) keep them: the format stores those as TERNARY_SCALED.
 *
 * <pre>{@code
 * ExportGraph g = new AbsorbWeightScales().apply(new DecomposeWeights().apply(graph));
 * }</pre>
 */
public final class AbsorbWeightScales implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        return graph.mapNodes(n -> {
            if (!(n.op() instanceof LinearNode l) || l.transform() == null) {
                return n;
            }
            if (l.weights() instanceof LinearWeights.Binary b && b.scale() != null) {
                return n.withOp(l.withWeights(new LinearWeights.Binary(b.negative(), null)).withTransform(l.transform().scaledBy(b.scale())));
            }
            if (l.weights() instanceof LinearWeights.Ternary t && t.positiveScale() != null
                    && Arrays.equals(t.positiveScale(), t.negativeScale())) {
                return n.withOp(l.withWeights(new LinearWeights.Ternary(t.plus(), t.minus(), null, null))
                        .withTransform(l.transform().scaledBy(t.positiveScale())));
            }
            return n;
        });
    }
}
