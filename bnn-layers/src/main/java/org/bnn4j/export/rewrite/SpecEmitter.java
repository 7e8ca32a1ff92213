package org.bnn4j.export.rewrite;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.ActivationNode;
import org.bnn4j.export.graph.AddNode;
import org.bnn4j.export.graph.AffineNode;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.GlobalPoolNode;
import org.bnn4j.export.graph.LinearWeights;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.export.graph.PoolNode;
import org.bnn4j.export.graph.ReshapeNode;
import org.bnn4j.export.graph.TransposeNode;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.AddSpec;
import org.bnn4j.runtime.format.AffineSpec;
import org.bnn4j.runtime.format.GlobalPoolSpec;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.OpSpec;
import org.bnn4j.runtime.format.PoolSpec;
import org.bnn4j.runtime.format.ReshapeSpec;
import org.bnn4j.runtime.format.TransposeSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fully rewritten graph as the format's {@link ModelSpec}: values get ids in node order (the input is 0),
 * nodes the output does not depend on are dropped, and the output node comes last.
 *
 * <pre>{@code
 * ModelSpec spec = SpecEmitter.emit(Rewrites.applyAll(imported), "bnn4j 0.1.0");
 * }</pre>
 */
public final class SpecEmitter {
    private SpecEmitter() {
    }

    /** @return the spec, whose op {@code i} is node {@code i} of {@link ExportGraph#pruned()} */
    public static ModelSpec emit(ExportGraph graph, String producer) {
        ExportGraph g = graph.pruned();
        if (g.nodes().isEmpty()) {
            throw new BnnExportException("the network computes nothing: its output is its input");
        }
        Map<String, Integer> ids = new HashMap<>();
        ids.put(g.inputName(), 0);
        List<OpSpec> ops = new ArrayList<>();
        for (ExportNode n : g.nodes()) {
            ops.add(op(n, ids));
            ids.put(n.name(), ops.size());
        }
        if (!g.nodes().get(g.nodes().size() - 1).name().equals(g.output())) {
            throw new IllegalStateException("the output node " + g.output() + " is not the last node");
        }
        return new ModelSpec(producer, g.inputShape(), ops);
    }

    private static OpSpec op(ExportNode n, Map<String, Integer> ids) {
        int in = id(ids, n, n.input());
        String name = n.name();
        if (n.op() instanceof LinearNode l) {
            if (!(l.weights() instanceof LinearWeights.Packed p) || l.stage() == null) {
                throw new IllegalStateException(name + ": dense/convolution node not fully rewritten: " + l.describe());
            }
            return new LinearSpec(name, in, l.signInput() ? InputMode.SIGN : InputMode.REAL, l.nOut(), l.nIn(),
                    l.window(), l.padValue(), p.weights(), l.stage(), l.groups());
        }
        if (n.op() instanceof AffineNode a) {
            return new AffineSpec(name, in, a.mul(), a.add());
        }
        if (n.op() instanceof ActivationNode a) {
            return new ActivationSpec(name, in, a.kind(), a.a(), a.b());
        }
        if (n.op() instanceof PoolNode p) {
            return new PoolSpec(name, in, p.kind(), p.window(), p.divideByValidCount());
        }
        if (n.op() instanceof GlobalPoolNode gp) {
            return new GlobalPoolSpec(name, in, gp.kind());
        }
        if (n.op() instanceof AddNode) {
            int[] inputs = new int[n.inputs().size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = id(ids, n, n.inputs().get(i));
            }
            return new AddSpec(name, inputs);
        }
        if (n.op() instanceof ReshapeNode r) {
            return new ReshapeSpec(name, in, r.shape());
        }
        if (n.op() instanceof TransposeNode t) {
            return new TransposeSpec(name, in, t.axes());
        }
        throw new IllegalStateException(name + ": " + n.op().describe() + " should have been rewritten before emission");
    }

    private static int id(Map<String, Integer> ids, ExportNode n, String input) {
        Integer id = ids.get(input);
        if (id == null) {
            throw new IllegalStateException(n.name() + " reads " + input + ", which is not computed before it");
        }
        return id;
    }
}
