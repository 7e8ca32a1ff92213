package org.bnn4j.export.graph;

/**
 * Element-wise sum of the node's inputs (DL4J ElementWiseVertex with Op.Add).
 *
 * <pre>{@code
 * new ExportNode("add1", List.of("shortcut", "bn1"), new AddNode(), sources);
 * }</pre>
 */
public record AddNode() implements NodeOp {
    @Override
    public String describe() {
        return "ADD";
    }
}
