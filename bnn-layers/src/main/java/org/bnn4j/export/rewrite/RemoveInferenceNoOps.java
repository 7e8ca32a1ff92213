package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.IdentityNode;

/**
 * Drops nodes that do nothing at inference (dropout, identity activations and loss layers); their readers read
 * their input instead.
 *
 * <pre>{@code
 * ExportGraph g = new RemoveInferenceNoOps().apply(imported);
 * }</pre>
 */
public final class RemoveInferenceNoOps implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        ExportGraph g = graph;
        for (ExportNode n : graph.nodes()) {
            if (n.op() instanceof IdentityNode) {
                g = g.bypass(n.name(), n.input());
            }
        }
        return g;
    }
}
