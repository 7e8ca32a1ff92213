package org.bnn4j.export.graph;

/**
 * A layer that does nothing at inference (dropout, an identity activation or loss layer); kept by import so
 * every DL4J layer has a node, removed by the first rewrite.
 *
 * <pre>{@code
 * new ExportNode("dropout1", List.of("dense0"), new IdentityNode("DropoutLayer"), sources);
 * }</pre>
 */
public record IdentityNode(String why) implements NodeOp {
    @Override
    public String describe() {
        return "IDENTITY (" + why + ")";
    }
}
