package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.BnnFormatException;
import org.bnn4j.runtime.LoadLimits;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelValidator;
import org.bnn4j.runtime.format.ValueShape;

import java.util.ArrayList;
import java.util.List;

/**
 * A model ready to run: the validated ops as kernel steps. Immutable and shared by all callers; every call gets
 * its own {@link Workspace}s, so concurrent calls need no locking. A batch runs step by step over all its
 * examples, so a dense layer's weights are streamed once per tile of examples rather than once per example.
 *
 * <pre>{@code
 * ExecutionPlan plan = ExecutionPlan.of(ModelReader.read(path));
 * float[] output = plan.run(input);
 * float[][] outputs = plan.run(batch, Parallelism.SERIAL);
 * }</pre>
 */
public final class ExecutionPlan {
    private final List<ValueShape> shapes;
    private final Step[] steps;
    private final boolean[] producedAsBits;
    /** The slots ({@link Slots}) no later step reads, per step. */
    private final int[][] freeAfter;
    private final long bytesPerExample;
    private final List<String> opNames = new ArrayList<>();
    private final List<String> opCodes = new ArrayList<>();
    /** The op each step belongs to (conversions belong to the op that needed them). */
    private final int[] stepOp;
    /** Multiply-accumulates per example of each op (0 for ops that do none). */
    private final long[] opMacs;

    ExecutionPlan(ModelSpec spec, List<ValueShape> shapes, List<Step> steps, int[] stepOp, long[] opMacs,
                  boolean[] producedAsBits, MemoryPlan memory) {
        this.shapes = List.copyOf(shapes);
        this.steps = steps.toArray(new Step[0]);
        this.stepOp = stepOp.clone();
        this.opMacs = opMacs.clone();
        this.producedAsBits = producedAsBits.clone();
        this.freeAfter = memory.freeAfter();
        this.bytesPerExample = memory.peakBytes();
        spec.ops().forEach(op -> {
            opNames.add(op.name());
            opCodes.add(op.opCode().toString());
        });
    }

    /** Validates the spec and plans it within {@link LoadLimits#defaults()}. */
    public static ExecutionPlan of(ModelSpec spec) throws BnnFormatException {
        return of(spec, LoadLimits.defaults());
    }

    /**
     * Validates the spec and plans it.
     *
     * @throws BnnFormatException if the spec is invalid, or needs more memory per example or work per op than
     *                            {@code limits} allow
     */
    public static ExecutionPlan of(ModelSpec spec, LoadLimits limits) throws BnnFormatException {
        return Planner.plan(spec, ModelValidator.validate(spec), limits);
    }

    /** Shapes of all values: index 0 the input, {@code i + 1} the output of op {@code i}. */
    public List<ValueShape> shapes() {
        return shapes;
    }

    /**
     * The most memory one example's values take at once during {@link #run}, values freed after their last use,
     * plus one task's scratch: what {@link LoadLimits#maxBytesPerExample()} was checked against.
     */
    public long bytesPerExample() {
        return bytesPerExample;
    }

    /** The slots each step frees (package-private, for tests). */
    int[][] freeAfter() {
        return freeAfter.clone();
    }

    public List<String> opNames() {
        return List.copyOf(opNames);
    }

    /** Each op's kind ({@code OpCode} name), in execution order. */
    public List<String> opCodes() {
        return List.copyOf(opCodes);
    }

    /** Multiply-accumulates per example of op {@code i} (dense and convolution ops; 0 for the others). */
    public long macs(int op) {
        return opMacs[op];
    }

    /** Whether op {@code i}'s output is ±1 (kept as bits). */
    public boolean binaryOutput(int op) {
        return producedAsBits[op + 1];
    }

    /** Runs one example whose length the caller has checked; returns a new array. */
    public float[] run(float[] input) {
        return run(new float[][]{input}, Parallelism.SERIAL)[0];
    }

    /**
     * Runs examples whose lengths the caller has checked, step by step over the whole block; dense and convolution
     * steps split their work over {@code parallelism}. Row {@code i} of the result is example {@code i}'s output.
     */
    public float[][] run(float[][] inputs, Parallelism parallelism) {
        return run(inputs, parallelism, null);
    }

    /**
     * {@link #run(float[][], Parallelism)} that also adds each op's wall time, in nanoseconds, to
     * {@code opNanos[op]} (conversion steps count to the op that needed them): where a model's time goes.
     */
    public float[][] run(float[][] inputs, Parallelism parallelism, long[] opNanos) {
        Workspace[] block = new Workspace[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            block[i] = new Workspace(shapes.size());
            block[i].floats[0] = inputs[i].clone();
        }
        for (int i = 0; i < steps.length; i++) {
            long start = opNanos == null ? 0 : System.nanoTime();
            steps[i].run(block, parallelism);
            if (opNanos != null) {
                opNanos[stepOp[i]] += System.nanoTime() - start;
            }
            for (int slot : freeAfter[i]) { // so a long model holds only the values still to be read
                for (Workspace ws : block) {
                    Slots.free(ws, slot);
                }
            }
        }
        float[][] outputs = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            outputs[i] = valueAsFloats(block[i], shapes.size() - 1); // the workspace, input copy included, is this call's own
        }
        return outputs;
    }

    /**
     * Runs one example and returns every op's output (±1 values as floats), index {@code i} for op {@code i}. Every
     * value is kept, so this needs more memory than {@link #run(float[])}.
     */
    public List<float[]> trace(float[] input) {
        Workspace ws = execute(input);
        List<float[]> outputs = new ArrayList<>();
        for (int v = 1; v < shapes.size(); v++) {
            outputs.add(valueAsFloats(ws, v).clone());
        }
        return outputs;
    }

    private Workspace execute(float[] input) {
        Workspace ws = new Workspace(shapes.size());
        ws.floats[0] = input.clone();
        for (Step step : steps) {
            step.run(ws);
        }
        return ws;
    }

    private float[] valueAsFloats(Workspace ws, int value) {
        if (producedAsBits[value] || ws.floats[value] == null) {
            return BitLayout.unpack(ws.bits[value], shapes.get(value));
        }
        return ws.floats[value];
    }
}
