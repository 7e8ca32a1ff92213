package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.AffineNode;
import org.bnn4j.export.graph.BatchNormNode;
import org.bnn4j.export.graph.ExportGraph;

/**
 * A BatchNorm that could not be folded (after a pooling or an add, or on the input) becomes a per-channel
 * {@code y = mul * x + add}, with {@code mul = gamma / sigma} and {@code add = beta - gamma * mean / sigma}.
 *
 * <pre>{@code
 * ExportGraph g = new BatchNormToAffine().apply(graph);
 * }</pre>
 */
public final class BatchNormToAffine implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        return graph.mapNodes(n -> {
            if (!(n.op() instanceof BatchNormNode b)) {
                return n;
            }
            float[] mul = new float[b.channels()];
            float[] add = new float[b.channels()];
            for (int c = 0; c < mul.length; c++) {
                double sigma = Math.sqrt(b.variance()[c] + b.epsilon());
                mul[c] = (float) (b.gamma()[c] / sigma);
                add[c] = (float) (b.beta()[c] - b.gamma()[c] * b.mean()[c] / sigma);
            }
            return n.withOp(new AffineNode(mul, add));
        });
    }
}
