package org.bnn4j.export.graph;

import org.bnn4j.runtime.format.ValueShape;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The network being exported, as an immutable list of nodes in execution order reading named values: the input
 * value and the nodes' outputs. Rewrites return new graphs; the output is the value named {@link #output()}.
 *
 * <pre>{@code
 * ExportGraph g = ...;
 * for (ExportNode n : g.nodes()) System.out.println(n.name() + " <- " + n.inputs() + ": " + n.op().describe());
 * List<ExportNode> readers = g.consumers("bn1");
 * }</pre>
 */
public final class ExportGraph {
    private final String inputName;
    private final ValueShape inputShape;
    private final List<ExportNode> nodes;
    private final String output;

    public ExportGraph(String inputName, ValueShape inputShape, List<ExportNode> nodes, String output) {
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.nodes = List.copyOf(nodes);
        this.output = output;
    }

    public String inputName() {
        return inputName;
    }

    public ValueShape inputShape() {
        return inputShape;
    }

    public List<ExportNode> nodes() {
        return nodes;
    }

    public String output() {
        return output;
    }

    public ExportNode node(String name) {
        for (ExportNode n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** Nodes that read the value {@code name}. */
    public List<ExportNode> consumers(String name) {
        List<ExportNode> out = new ArrayList<>();
        for (ExportNode n : nodes) {
            if (n.inputs().contains(name)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Whether the value is read by no node other than {@code reader} and is not the graph output. */
    public boolean onlyReadBy(String name, ExportNode reader) {
        List<ExportNode> readers = consumers(name);
        return !name.equals(output) && readers.size() == 1 && readers.get(0).name().equals(reader.name());
    }

    /** The same graph with {@code f} applied to every node. */
    public ExportGraph mapNodes(UnaryOperator<ExportNode> f) {
        List<ExportNode> out = new ArrayList<>();
        for (ExportNode n : nodes) {
            out.add(f.apply(n));
        }
        return new ExportGraph(inputName, inputShape, out, output);
    }

    /**
     * Removes node {@code removed}, whose readers then read {@code replacement} instead (a node or the input).
     * If it was the graph output, {@code replacement} becomes the output.
     */
    public ExportGraph bypass(String removed, String replacement) {
        List<ExportNode> out = new ArrayList<>();
        for (ExportNode n : nodes) {
            if (n.name().equals(removed)) {
                continue;
            }
            List<String> inputs = new ArrayList<>(n.inputs());
            inputs.replaceAll(in -> in.equals(removed) ? replacement : in);
            out.add(n.withInputs(inputs));
        }
        return new ExportGraph(inputName, inputShape, out, output.equals(removed) ? replacement : output);
    }

    /**
     * Replaces node {@code first} by {@code fused} (usually named after {@code second}) and removes {@code second}, a
     * reader of {@code first}; whatever read either of them reads {@code fused} instead. Every fusion of a node with
     * the node after it has this shape.
     */
    public ExportGraph fuse(ExportNode first, ExportNode second, ExportNode fused) {
        List<ExportNode> out = new ArrayList<>();
        for (ExportNode n : nodes) {
            if (n.name().equals(second.name())) {
                continue;
            }
            ExportNode kept = n.name().equals(first.name()) ? fused : n;
            List<String> inputs = new ArrayList<>(kept.inputs());
            inputs.replaceAll(in -> in.equals(second.name()) || in.equals(first.name()) ? fused.name() : in);
            out.add(kept.withInputs(inputs));
        }
        String newOutput = output.equals(second.name()) || output.equals(first.name()) ? fused.name() : output;
        return new ExportGraph(inputName, inputShape, out, newOutput);
    }

    /** Keeps only the nodes the output depends on (rewrites can leave dead branches). */
    public ExportGraph pruned() {
        Map<String, ExportNode> byName = new LinkedHashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Set<String> live = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            ExportNode n = byName.get(name);
            if (n != null && live.add(name)) {
                todo.addAll(n.inputs());
            }
        }
        List<ExportNode> out = new ArrayList<>();
        for (ExportNode n : nodes) {
            if (live.contains(n.name())) {
                out.add(n);
            }
        }
        return new ExportGraph(inputName, inputShape, out, output);
    }
}
