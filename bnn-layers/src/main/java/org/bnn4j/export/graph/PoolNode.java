package org.bnn4j.export.graph;

import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.Window;

/**
 * Max or average pooling over a window (DL4J SubsamplingLayer).
 *
 * <pre>{@code
 * new PoolNode(PoolKind.MAX, new Window(2, 2, 2, 2, 1, 1, 0, 0, 0, 0), false);
 * }</pre>
 */
public record PoolNode(PoolKind kind, Window window, boolean divideByValidCount) implements NodeOp {
    @Override
    public String describe() {
        return "POOL2D " + kind;
    }
}
