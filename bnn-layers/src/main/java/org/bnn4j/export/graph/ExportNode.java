package org.bnn4j.export.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of an {@link ExportGraph}: its name (the DL4J layer or vertex whose output it computes, which is also
 * the op name in the file and in the runtime's trace), the names of the values it reads, what it computes, and
 * the DL4J layers it stands for.
 *
 * <pre>{@code
 * ExportNode bn = new ExportNode("bn1", List.of("conv1"), batchNorm, List.of(source));
 * }</pre>
 */
public record ExportNode(String name, List<String> inputs, NodeOp op, List<SourceLayer> sources) {

    public ExportNode {
        inputs = List.copyOf(inputs);
        sources = List.copyOf(sources);
    }

    public String input() {
        return inputs.get(0);
    }

    public ExportNode withOp(NodeOp newOp) {
        return new ExportNode(name, inputs, newOp, sources);
    }

    public ExportNode withInputs(List<String> newInputs) {
        return new ExportNode(name, newInputs, op, sources);
    }

    /**
     * This node's op under {@code other}'s name, with both nodes' sources: the result of fusing this node and
     * the node {@code other} that consumed it.
     */
    public ExportNode fusedInto(ExportNode other, NodeOp fusedOp) {
        List<SourceLayer> all = new ArrayList<>(sources);
        all.addAll(other.sources);
        return new ExportNode(other.name, inputs, fusedOp, all);
    }
}
