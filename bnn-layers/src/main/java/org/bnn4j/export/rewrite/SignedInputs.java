package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.ActivationNode;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.export.graph.PoolNode;
import org.bnn4j.export.graph.ReshapeNode;
import org.bnn4j.runtime.format.PoolKind;

/**
 * A dense or convolution layer without an input quantizer whose input is the output of a sign activation (through
 * reshapes and max pooling, which keep values at ±1) receives ±1 values all the same: its input is marked as a sign
 * input, so it runs on XNOR and popcount and its own BatchNorm + sign can become integer thresholds. Exact: the
 * sign of ±1 is itself. BinaryNet's hidden layers are built this way (the sign sits in an ActivationLayer, where
 * dropout can follow it).
 *
 * <pre>{@code
 * // sign0 -> dense1 (no input quantizer)   becomes   sign0 -> dense1 (sign input)
 * ExportGraph g = new SignedInputs().apply(graph);
 * }</pre>
 */
public final class SignedInputs implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        return graph.mapNodes(n -> n.op() instanceof LinearNode l && !l.signInput() && producesSigns(graph, n.input())
                ? n.withOp(l.withSignInput())
                : n);
    }

    /** Whether the value is the output of a sign activation, possibly reshaped or max-pooled. */
    private static boolean producesSigns(ExportGraph graph, String value) {
        ExportNode producer = graph.node(value);
        if (producer == null) {
            return false; // the network's input
        }
        if (producer.op() instanceof ActivationNode a) {
            return a.isSign();
        }
        boolean keepsSigns = producer.op() instanceof ReshapeNode
                || producer.op() instanceof PoolNode p && p.kind() == PoolKind.MAX;
        return keepsSigns && producesSigns(graph, producer.input());
    }
}
