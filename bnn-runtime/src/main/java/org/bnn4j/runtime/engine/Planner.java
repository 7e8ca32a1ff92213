package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.BnnFormatException;
import org.bnn4j.runtime.LoadLimits;
import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.AddSpec;
import org.bnn4j.runtime.format.AffineSpec;
import org.bnn4j.runtime.format.BitPacking;
import org.bnn4j.runtime.format.GlobalPoolSpec;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.OpSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.PoolSpec;
import org.bnn4j.runtime.format.ReshapeSpec;
import org.bnn4j.runtime.format.TransposeSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated {@link ModelSpec} into steps. Each value lives as floats, as packed sign bits, or both: ops
 * that threshold or take a sign produce bits, binary ops read bits, everything else reads floats, and a
 * conversion step is inserted the first time a value is needed in a form it does not have yet. So a binary
 * layer's input is packed once, however many ops read it.
 *
 * <p>It also enforces {@link LoadLimits}: each op's work for one example as it is planned, then the memory one
 * example needs at once, with every value freed after its last use ({@link MemoryPlan}).
 */
final class Planner implements OpSpec.Visitor<Void, BnnFormatException> {
    private final ModelSpec spec;
    private final List<ValueShape> shapes;
    private final LoadLimits limits;
    private final List<Step> steps = new ArrayList<>();
    private final List<MemoryPlan.Use> uses = new ArrayList<>();
    private final boolean[] hasFloats;
    private final boolean[] hasBits;
    private final boolean[] producedAsBits;
    private final List<Integer> stepOp = new ArrayList<>();
    private final long[] opMacs;
    /** The value the op being planned defines. */
    private int value;

    private Planner(ModelSpec spec, List<ValueShape> shapes, LoadLimits limits) {
        this.spec = spec;
        this.shapes = shapes;
        this.limits = limits;
        this.hasFloats = new boolean[shapes.size()];
        this.hasBits = new boolean[shapes.size()];
        this.producedAsBits = new boolean[shapes.size()];
        this.opMacs = new long[spec.ops().size()];
        hasFloats[0] = true;
    }

    /**
     * @param shapes what {@link org.bnn4j.runtime.format.ModelValidator} computed for {@code spec}
     * @throws BnnFormatException if the model needs more work or memory than {@code limits} allow
     */
    static ExecutionPlan plan(ModelSpec spec, List<ValueShape> shapes, LoadLimits limits) throws BnnFormatException {
        Planner planner = new Planner(spec, shapes, limits);
        List<OpSpec> ops = spec.ops();
        for (int i = 0; i < ops.size(); i++) {
            planner.value = i + 1;
            ops.get(i).accept(planner);
        }
        int output = shapes.size() - 1;
        MemoryPlan memory = new MemoryPlan(planner.uses, planner.slotBytes(), Slots.floats(0), Slots.floats(output),
                Slots.bits(output));
        if (memory.peakBytes() > limits.maxBytesPerExample()) {
            throw planner.fail(memory.peakOp(), "one example needs " + memory.peakBytes() + " bytes of values and "
                    + "scratch at once here, more than the limit of " + limits.maxBytesPerExample() + " bytes (set "
                    + "-D" + LoadLimits.MAX_BYTES_PROPERTY + " or load with LoadLimits)");
        }
        return new ExecutionPlan(spec, shapes, planner.steps,
                planner.stepOp.stream().mapToInt(Integer::intValue).toArray(), planner.opMacs, planner.producedAsBits, memory);
    }

    @Override
    public Void affine(AffineSpec a) {
        int x = floats(a.input());
        produceFloats(new AffineStep(a.input(), value, shapes.get(value), a.mul(), a.add()), x);
        return null;
    }

    @Override
    public Void globalPool(GlobalPoolSpec g) {
        int x = floats(g.input());
        produceFloats(new GlobalPoolStep(g.input(), value, shapes.get(g.input()), g.kind()), x);
        return null;
    }

    @Override
    public Void add(AddSpec a) {
        int[] xs = new int[a.inputs().length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = floats(a.inputs()[i]);
        }
        produceFloats(new AddStep(a.inputs(), value), xs);
        return null;
    }

    @Override
    public Void reshape(ReshapeSpec r) {
        int x = floats(r.input());
        addStep(new ReshapeStep(r.input(), value), Slots.floats(value), true, x);
        hasFloats[value] = true;
        return null;
    }

    @Override
    public Void transpose(TransposeSpec t) {
        int x = floats(t.input());
        produceFloats(new TransposeStep(t.input(), value, shapes.get(t.input()), t.axes()), x);
        return null;
    }

    /** Max pooling of a ±1 value stays ±1 (max commutes with sign) and runs on its bits. */
    @Override
    public Void pool(PoolSpec p) throws BnnFormatException {
        checkWork(shapes.get(value).size() * p.window().tapCount(), "window taps");
        if (p.kind().commutesWithSign() && producedAsBits[p.input()]) {
            produceBits(new BitMaxPoolStep(p.input(), value, shapes.get(p.input()), shapes.get(value), p.window()),
                    Slots.bits(p.input()));
            return null;
        }
        int x = floats(p.input());
        produceFloats(new PoolStep(p.input(), value, shapes.get(p.input()), shapes.get(value), p.window(), p.kind(),
                p.divideByValidCount()), x);
        return null;
    }

    @Override
    public Void activation(ActivationSpec a) {
        if (a.kind() != ActivationKind.SIGN) {
            int x = floats(a.input());
            produceFloats(new ActivationStep(a.input(), value, a.kind(), a.a(), a.b()), x);
        } else if (hasBits[a.input()]) {
            // a value's bits are its signs already
            addStep(new AliasStep(a.input(), value), Slots.bits(value), true, Slots.bits(a.input()));
            hasBits[value] = true;
            producedAsBits[value] = true;
        } else {
            int x = floats(a.input());
            produceBits(ConversionStep.packSigns(a.input(), value, shapes.get(value)), x);
        }
        return null;
    }

    @Override
    public Void linear(LinearSpec l) throws BnnFormatException {
        ValueShape in = shapes.get(l.input());
        ValueShape out = shapes.get(value);
        opMacs[value - 1] = out.size() * l.reductionLength();
        checkWork(opMacs[value - 1], "multiply-accumulates");
        boolean sign = l.inputMode() == InputMode.SIGN;
        // A REAL-mode op whose input is ±1 already (a sign or threshold output) has sign(x) = x: the same sums come
        // from XNOR on bits, exactly (its float32 sums of ±1 terms are exact integers below 2^24 terms).
        boolean bitPatches = (sign || producedAsBits[l.input()]) && l.weights().kind().bitPlanes();
        int x = bitPatches ? bits(l.input()) : floats(l.input());
        // One gatherer per group, each over its group's input channels; the kernel sees rows of that many channels.
        int channels = l.channelsPerGroup();
        PatchGatherer[] gatherers = new PatchGatherer[l.groups()];
        // convolutions of few channels on bits pack their taps without pad bits between them
        boolean compact = bitPatches && l.window() != null && BitLayout.compactTaps(channels, l.taps(), l.groups() > 1);
        for (int g = 0; g < gatherers.length; g++) {
            gatherers[g] = bitPatches
                    ? new BitPatches(l.input(), in, l.window(), l.padValue(), g * channels, channels, compact)
                    : new RealPatches(l.input(), in, l.window(), l.padValue(), sign, g * channels, channels);
        }
        LinearKernel kernel = kernel(l, bitPatches, compact);
        OutputWriter writer = writer(l.stage(), kernel.integerAccumulator(), out);
        LinearStep step = new LinearStep(value, out, gatherers, l.outputsPerGroup(), kernel, writer,
                l.reductionLength(), bitPatches);
        if (writer.producesBits()) {
            produceBits(step, x);
        } else {
            produceFloats(step, x);
        }
        return null;
    }

    private void checkWork(long work, String unit) throws BnnFormatException {
        if (work > limits.maxWorkPerOp()) {
            throw fail(value - 1, work + " " + unit + " per example, more than the limit of " + limits.maxWorkPerOp()
                    + " (set -D" + LoadLimits.MAX_WORK_PROPERTY + " or load with LoadLimits)");
        }
    }

    private BnnFormatException fail(int op, String message) {
        OpSpec o = spec.ops().get(op);
        return new BnnFormatException("op " + op + " '" + o.name() + "' (" + o.opCode() + "): " + message);
    }

    /** The kernel for every output channel; a weight row holds one group's channels, so groups need nothing else. */
    private static LinearKernel kernel(LinearSpec l, boolean bitPatches, boolean compact) {
        int taps = l.taps();
        int channels = l.channelsPerGroup();
        int wordsPerTap = BitPacking.words(channels);
        return l.weights().accept(new Weights.Visitor<LinearKernel, RuntimeException>() {
            @Override
            public LinearKernel float32(Weights.Float32 f) {
                return new FloatKernel(f.values(), taps * channels);
            }

            @Override
            public LinearKernel binary(Weights.Binary b) {
                return bitPatches ? new XnorKernel(b.words(), l.nOut(), channels, taps, wordsPerTap, compact)
                        : new BinaryRealKernel(planeSums(b.words()), taps, channels);
            }

            @Override
            public LinearKernel ternary(Weights.Ternary t) {
                return bitPatches
                        ? new TernaryBitKernel(t.plus(), t.minus(), t.positiveScales(), t.negativeScales(), l.nOut(),
                        taps, channels, wordsPerTap, compact)
                        : new TernaryRealKernel(planeSums(t.plus()), planeSums(t.minus()), t.positiveScales(),
                        t.negativeScales());
            }

            private RealPlaneSums planeSums(long[] plane) {
                return RealPlaneSums.of(plane, l.nOut(), taps, channels, wordsPerTap);
            }
        });
    }

    private static OutputWriter writer(OutputStage stage, boolean integerAccumulator, ValueShape out) {
        int wordsPerPixel = BitLayout.wordsPerPixel(out);
        return stage.accept(new OutputStage.Visitor<OutputWriter, RuntimeException>() {
            @Override
            public OutputWriter affine(OutputStage.Affine a) {
                return new AffineOutput(a.mul(), a.add(), integerAccumulator, out.area());
            }

            @Override
            public OutputWriter intThresholds(OutputStage.IntThresholds t) {
                return ThresholdOutput.ofInts(t.thresholds(), t.flip(), wordsPerPixel); // the format: integer accumulators
            }

            @Override
            public OutputWriter floatThresholds(OutputStage.FloatThresholds t) {
                return ThresholdOutput.ofFloats(t.thresholds(), t.flip(), wordsPerPixel, integerAccumulator);
            }
        });
    }

    private void produceFloats(Step step, int... reads) {
        addStep(step, Slots.floats(value), false, reads);
        hasFloats[value] = true;
    }

    /** A ±1 value, kept as bits. */
    private void produceBits(Step step, int... reads) {
        addStep(step, Slots.bits(value), false, reads);
        hasBits[value] = true;
        producedAsBits[value] = true;
    }

    /** Makes sure the value is available as floats (±1 values are unpacked from their bits); returns its slot. */
    private int floats(int v) {
        if (!hasFloats[v]) {
            addStep(ConversionStep.unpack(v, shapes.get(v)), Slots.floats(v), false, Slots.bits(v));
            hasFloats[v] = true;
        }
        return Slots.floats(v);
    }

    /** Makes sure the value's signs are available as bits; returns their slot. */
    private int bits(int v) {
        if (!hasBits[v]) {
            addStep(ConversionStep.packSigns(v, v, shapes.get(v)), Slots.bits(v), false, Slots.floats(v));
            hasBits[v] = true;
        }
        return Slots.bits(v);
    }

    /** @param sharesRead whether the step's output is its first input's array (no new memory) */
    private void addStep(Step step, int write, boolean sharesRead, int... reads) {
        steps.add(step);
        stepOp.add(value - 1);
        uses.add(new MemoryPlan.Use(reads, write, sharesRead, step.scratchBytes(), value - 1));
    }

    private long[] slotBytes() {
        long[] bytes = new long[2 * shapes.size()];
        for (int slot = 0; slot < bytes.length; slot++) {
            bytes[slot] = Slots.bytes(slot, shapes.get(Slots.value(slot)));
        }
        return bytes;
    }
}
