package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.ChannelTransform;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.runtime.format.OutputStage;

/**
 * Multiplies out the channel transforms that stay real-valued into the format's affine stage
 * {@code y = mul * acc + add}, computed in double and rounded once to float32.
 *
 * <pre>{@code
 * ExportGraph g = new LowerAffineStages().apply(graph);
 * }</pre>
 */
public final class LowerAffineStages implements GraphRewrite {
    @Override
    public ExportGraph apply(ExportGraph graph) {
        return graph.mapNodes(n -> {
            if (!(n.op() instanceof LinearNode l) || l.transform() == null) {
                return n;
            }
            ChannelTransform t = l.transform();
            float[] mul = new float[l.nOut()];
            float[] add = new float[l.nOut()];
            for (int o = 0; o < mul.length; o++) {
                mul[o] = (float) t.affineMul(o);
                add[o] = (float) t.affineAdd(o);
            }
            return n.withOp(l.withStage(new OutputStage.Affine(mul, add)));
        });
    }
}
