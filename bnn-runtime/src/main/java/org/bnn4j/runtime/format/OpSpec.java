package org.bnn4j.runtime.format;

/**
 * One op of a model: its name (the DL4J layer or vertex whose output it computes, unique in the model), the ids
 * of the values it reads (value 0 is the model input, op {@code i} defines value {@code i + 1}) and its
 * parameters. These records are the in-memory form of a file: {@link ModelReader} makes them from bytes,
 * {@link ModelWriter} turns them into bytes, and {@link ModelValidator} checks them both ways.
 *
 * <pre>{@code
 * for (OpSpec op : spec.ops()) {
 *     System.out.println(op.opCode() + " '" + op.name() + "' reads " + Arrays.toString(op.inputs()));
 * }
 * }</pre>
 */
public sealed interface OpSpec permits LinearSpec, AffineSpec, ActivationSpec, PoolSpec, GlobalPoolSpec, AddSpec,
        ReshapeSpec {

    String name();

    OpCode opCode();

    /** Ids of the values this op reads. */
    int[] inputs();
}
