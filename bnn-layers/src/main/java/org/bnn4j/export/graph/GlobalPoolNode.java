package org.bnn4j.export.graph;

import org.bnn4j.runtime.format.PoolKind;

/**
 * Max, average or sum over each channel (DL4J GlobalPoolingLayer).
 *
 * <pre>{@code
 * new GlobalPoolNode(PoolKind.AVG);
 * }</pre>
 */
public record GlobalPoolNode(PoolKind kind) implements NodeOp {
    @Override
    public String describe() {
        return "GLOBAL_POOL " + kind;
    }
}
