package org.bnn4j.runtime.format;

import java.util.List;

/**
 * A whole model as the format describes it: who wrote it, the shape of one input example, and the ops in
 * execution order (op {@code i} defines value {@code i + 1}; the last op's value is the model output).
 *
 * <pre>{@code
 * ModelSpec spec = new ModelSpec("my-tool 1.0", ValueShape.vector(3), List.of(op0, op1));
 * byte[] file = ModelWriter.toBytes(spec);
 * ModelSpec back = ModelReader.read(new ByteArrayInputStream(file));
 * }</pre>
 */
public record ModelSpec(String producer, ValueShape inputShape, List<OpSpec> ops) {
    public ModelSpec {
        ops = List.copyOf(ops);
    }
}
