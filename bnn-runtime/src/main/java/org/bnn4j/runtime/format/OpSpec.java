package org.bnn4j.runtime.format;

/**
 * One op of a model: its name (the DL4J layer or vertex whose output it computes, unique in the model), the ids
 * of the values it reads (value 0 is the model input, op {@code i} defines value {@code i + 1}) and its
 * parameters. These records are the in-memory form of a file: {@link ModelReader} makes them from bytes,
 * {@link ModelWriter} turns them into bytes, and {@link ModelValidator} checks them both ways.
 *
 * <p><b>Why a visitor.</b> Everything that handles every op (writer, validator, the engine's planner, test
 * oracles) implements {@link Visitor}, which has one method per op record. Adding a record to this sealed
 * interface forces an {@link #accept} that calls a new visitor method, and that method does not compile until
 * every visitor implements it: no op can be written without its body, validated or planned by a silent
 * fall-through. A {@code switch} over {@link OpCode} would be as exhaustive (javac checks enum switch
 * expressions) but each case would still cast to its record, unchecked; pattern matching for {@code switch}
 * is not in Java 17. The reader is the one place that dispatches on a byte, before any record exists: it uses
 * an exhaustive {@code switch} expression over {@link OpCode} with no {@code default}.
 *
 * <pre>{@code
 * for (OpSpec op : spec.ops()) {
 *     System.out.println(op.opCode() + " '" + op.name() + "' reads " + Arrays.toString(op.inputs()));
 * }
 * }</pre>
 */
public sealed interface OpSpec permits LinearSpec, AffineSpec, ActivationSpec, PoolSpec, GlobalPoolSpec, AddSpec,
        ReshapeSpec, TransposeSpec {

    String name();

    OpCode opCode();

    /** Ids of the values this op reads. */
    int[] inputs();

    /** The oldest format version that can express this op: its opcode's, unless a field needs a later one. */
    default int minimumFormatVersion() {
        return opCode().sinceVersion();
    }

    /** Calls the visitor's method for this op's record. */
    <R, X extends Exception> R accept(Visitor<R, X> visitor) throws X;

    /**
     * One method per op record, each given the record itself.
     *
     * <pre>{@code
     * String kind = op.accept(new OpSpec.Visitor<String, RuntimeException>() {
     *     public String linear(LinearSpec l) { return l.isConvolution() ? "conv" : "dense"; }
     *     public String affine(AffineSpec a) { return "affine"; }
     *     // ... one method per op
     * });
     * }</pre>
     *
     * @param <R> what each method returns ({@code Void} for none)
     * @param <X> the checked exception the methods may throw ({@code RuntimeException} for none)
     */
    interface Visitor<R, X extends Exception> {
        /** DENSE and CONV2D. */
        R linear(LinearSpec op) throws X;

        R affine(AffineSpec op) throws X;

        R activation(ActivationSpec op) throws X;

        R pool(PoolSpec op) throws X;

        R globalPool(GlobalPoolSpec op) throws X;

        R add(AddSpec op) throws X;

        R reshape(ReshapeSpec op) throws X;

        R transpose(TransposeSpec op) throws X;
    }
}
