package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.ActivationNode;
import org.bnn4j.export.graph.BatchNormNode;
import org.bnn4j.export.graph.ChannelTransform;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.IdentityNode;
import org.bnn4j.export.graph.LinearWeights;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.export.graph.NodeOp;
import org.bnn4j.export.graph.SourceLayer;
import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ValueShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-built export graphs for testing one rewrite at a time. */
final class Graphs {
    private final List<ExportNode> nodes = new ArrayList<>();
    private final int inputFeatures;

    Graphs(int inputFeatures) {
        this.inputFeatures = inputFeatures;
    }

    Graphs add(String name, NodeOp op, String... inputs) {
        nodes.add(new ExportNode(name, List.of(inputs), op, List.of(new SourceLayer(name, "test", 0, 0, 1))));
        return this;
    }

    ExportGraph build() {
        return new ExportGraph("input", ValueShape.vector(inputFeatures), nodes, nodes.get(nodes.size() - 1).name());
    }

    static LinearNode dense(int nIn, int nOut, boolean signInput, LinearWeights weights) {
        return new LinearNode(nIn, nOut, null, 0, signInput, weights, ChannelTransform.linear(ones(nOut), null), null);
    }

    /** A dense node with ±1 weights (sign kernel) on sign inputs. */
    static LinearNode binaryDense(int nIn, int nOut) {
        return dense(nIn, nOut, true, new LinearWeights.Binary(new boolean[nIn * nOut], null));
    }

    static BatchNormNode bn(int channels, double gamma, double beta, double mean, double variance) {
        return new BatchNormNode(filled(channels, gamma), filled(channels, beta), filled(channels, mean),
                filled(channels, variance), 0);
    }

    static ActivationNode sign() {
        return ActivationNode.sign();
    }

    static ActivationNode relu() {
        return new ActivationNode(ActivationKind.CLAMP, 0, Float.POSITIVE_INFINITY);
    }

    static IdentityNode identity() {
        return new IdentityNode("test");
    }

    static double[] ones(int n) {
        return filled(n, 1);
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    static List<String> names(ExportGraph g) {
        return g.nodes().stream().map(ExportNode::name).toList();
    }
}
