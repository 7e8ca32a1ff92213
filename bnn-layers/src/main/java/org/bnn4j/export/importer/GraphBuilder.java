package org.bnn4j.export.importer;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.NodeOp;
import org.bnn4j.export.graph.SourceLayer;
import org.bnn4j.runtime.format.ValueShape;
import org.deeplearning4j.nn.conf.inputs.InputType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects the nodes import creates, with the DL4J input type of every value (needed for shapes and geometry). */
final class GraphBuilder {
    private final String inputName;
    private final ValueShape inputShape;
    private final List<ExportNode> nodes = new ArrayList<>();
    private final Map<String, InputType> types = new HashMap<>();

    GraphBuilder(String inputName, InputType inputType) {
        this.inputName = inputName;
        this.inputShape = Shapes.of(inputType, "the network input");
        types.put(inputName, inputType);
    }

    InputType type(String value) {
        InputType t = types.get(value);
        if (t == null) {
            throw new IllegalStateException("no value named " + value);
        }
        return t;
    }

    /** Adds a node reading {@code inputs}; returns its name. */
    String add(String name, List<String> inputs, NodeOp op, InputType outputType, List<SourceLayer> sources) {
        if (types.containsKey(name)) {
            throw new BnnExportException("two values are named '" + name + "'; layer and vertex names must be unique"
                    + " (and differ from the network input's)");
        }
        nodes.add(new ExportNode(name, inputs, op, sources));
        types.put(name, outputType);
        return name;
    }

    ExportGraph build(String output) {
        return new ExportGraph(inputName, inputShape, nodes, output);
    }
}
