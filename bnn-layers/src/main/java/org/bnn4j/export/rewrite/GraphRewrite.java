package org.bnn4j.export.rewrite;

import org.bnn4j.export.graph.ExportGraph;

/**
 * One step of the exporter: a graph in, a simpler graph out. The exporter applies {@link Rewrites#standard()} in
 * order; each rewrite is small and tested on its own.
 *
 * <pre>{@code
 * ExportGraph g = imported;
 * for (GraphRewrite r : Rewrites.standard()) g = r.apply(g);
 * }</pre>
 */
public interface GraphRewrite {

    ExportGraph apply(ExportGraph graph);
}
