package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.ExportGraph;

import java.util.List;

/**
 * The exporter's pipeline: the rewrites in the order they must run.
 *
 * <pre>{@code
 * ExportGraph ready = Rewrites.applyAll(imported);
 * }</pre>
 */
public final class Rewrites {
    private Rewrites() {
    }

    public static List<GraphRewrite> standard() {
        return List.of(
                new RemoveInferenceNoOps(),
                new SignedInputs(),
                new DecomposeWeights(),
                new AbsorbWeightScales(),
                new FoldBatchNorm(),
                new SignToThreshold(),
                new BatchNormToAffine(),
                new LowerAffineStages(),
                new PackWeights());
    }

    public static ExportGraph applyAll(ExportGraph graph) {
        ExportGraph g = graph;
        for (GraphRewrite r : standard()) {
            g = r.apply(g);
        }
        return g;
    }
}
