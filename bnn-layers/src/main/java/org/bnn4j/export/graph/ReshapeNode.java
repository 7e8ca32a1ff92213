package org.bnn4j.export.graph;

import org.bnn4j.runtime.format.ValueShape;

/**
 * The same row-major elements under a new shape (DL4J's CnnToFeedForward / FeedForwardToCnn preprocessors).
 *
 * <pre>{@code
 * new ReshapeNode(ValueShape.vector(16 * 7 * 7));
 * }</pre>
 */
public record ReshapeNode(ValueShape shape) implements NodeOp {
    @Override
    public String describe() {
        return "RESHAPE " + shape;
    }
}
