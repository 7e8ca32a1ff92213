/**
 * The packed model format (docs/FORMAT.md) as Java objects: {@link org.bnn4j.runtime.format.ModelSpec} and its
 * ops, {@link org.bnn4j.runtime.format.ModelReader} and {@link org.bnn4j.runtime.format.ModelWriter} (inverse of
 * each other), {@link org.bnn4j.runtime.format.ModelValidator} (every rule beyond byte syntax) and
 * {@link org.bnn4j.runtime.format.BitPacking} (the bit convention). Exporters build specs and write them.
 *
 * <pre>{@code
 * ModelSpec spec = ModelReader.read(Path.of("model.bnn"));
 * spec.ops().forEach(op -> System.out.println(op.opCode() + " " + op.name()));
 * }</pre>
 */
package org.bnn4j.runtime.format;
