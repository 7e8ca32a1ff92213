package org.bnn4j.export.graph;

/**
 * What a node of an {@link ExportGraph} computes. Import produces DL4J-shaped nodes (BatchNorm, Identity for
 * dropout, linear nodes with raw quantized kernels); the rewrites reduce them to nodes that map one to one onto
 * the format's ops.
 *
 * <pre>{@code
 * if (node.op() instanceof LinearNode l && l.binaryArithmetic()) { ... }
 * System.out.println(node.op().describe());
 * }</pre>
 */
public sealed interface NodeOp permits LinearNode, BatchNormNode, ActivationNode, IdentityNode, PoolNode,
        GlobalPoolNode, AddNode, ReshapeNode, AffineNode, TransposeNode {

    /** A short description for summaries and errors, e.g. "CONV2D binary weights, sign input". */
    String describe();
}
