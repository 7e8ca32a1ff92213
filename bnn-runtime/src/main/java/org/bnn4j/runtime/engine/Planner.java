package org.bnn4j.runtime.engine;

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
import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.PoolSpec;
import org.bnn4j.runtime.format.ReshapeSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated {@link ModelSpec} into steps. Each value lives as floats, as packed sign bits, or both: ops
 * that threshold or take a sign produce bits, binary ops read bits, everything else reads floats, and a
 * conversion step is inserted the first time a value is needed in a form it does not have yet. So a binary
 * layer's input is packed once, however many ops read it.
 */
final class Planner implements OpSpec.Visitor<Void, RuntimeException> {
    private final List<ValueShape> shapes;
    private final List<Step> steps = new ArrayList<>();
    private final boolean[] hasFloats;
    private final boolean[] hasBits;
    private final boolean[] producedAsBits;
    /** The value the op being planned defines. */
    private int value;

    private Planner(List<ValueShape> shapes) {
        this.shapes = shapes;
        this.hasFloats = new boolean[shapes.size()];
        this.hasBits = new boolean[shapes.size()];
        this.producedAsBits = new boolean[shapes.size()];
        hasFloats[0] = true;
    }

    /** @param shapes what {@link org.bnn4j.runtime.format.ModelValidator} computed for {@code spec} */
    static ExecutionPlan plan(ModelSpec spec, List<ValueShape> shapes) {
        Planner planner = new Planner(shapes);
        List<OpSpec> ops = spec.ops();
        for (int i = 0; i < ops.size(); i++) {
            planner.value = i + 1;
            ops.get(i).accept(planner);
        }
        return new ExecutionPlan(spec, shapes, planner.steps, planner.producedAsBits);
    }

    @Override
    public Void affine(AffineSpec a) {
        floats(a.input());
        produceFloats(new AffineStep(a.input(), value, shapes.get(value), a.mul(), a.add()));
        return null;
    }

    @Override
    public Void globalPool(GlobalPoolSpec g) {
        floats(g.input());
        produceFloats(new GlobalPoolStep(g.input(), value, shapes.get(g.input()), g.kind()));
        return null;
    }

    @Override
    public Void add(AddSpec a) {
        for (int in : a.inputs()) {
            floats(in);
        }
        produceFloats(new AddStep(a.inputs(), value));
        return null;
    }

    @Override
    public Void reshape(ReshapeSpec r) {
        floats(r.input());
        produceFloats(new ReshapeStep(r.input(), value));
        return null;
    }

    /** Max pooling of a ±1 value stays ±1 (max commutes with sign) and runs on its bits. */
    @Override
    public Void pool(PoolSpec p) {
        if (p.kind() == PoolKind.MAX && producedAsBits[p.input()]) {
            produceBits(new BitMaxPoolStep(p.input(), value, shapes.get(p.input()), shapes.get(value), p.window()));
            return null;
        }
        floats(p.input());
        produceFloats(new PoolStep(p.input(), value, shapes.get(p.input()), shapes.get(value), p.window(), p.kind(),
                p.divideByValidCount()));
        return null;
    }

    @Override
    public Void activation(ActivationSpec a) {
        if (a.kind() != ActivationKind.SIGN) {
            floats(a.input());
            produceFloats(new ActivationStep(a.input(), value, a.kind(), a.a(), a.b()));
        } else if (hasBits[a.input()]) {
            produceBits(new AliasStep(a.input(), value)); // a value's bits are its signs already
        } else {
            floats(a.input());
            produceBits(ConversionStep.packSigns(a.input(), value, shapes.get(value)));
        }
        return null;
    }

    @Override
    public Void linear(LinearSpec l) {
        ValueShape in = shapes.get(l.input());
        ValueShape out = shapes.get(value);
        boolean sign = l.inputMode() == InputMode.SIGN;
        // A REAL-mode op whose input is ±1 already (a sign or threshold output) has sign(x) = x: the same sums come
        // from XNOR on bits, exactly (its float32 sums of ±1 terms are exact integers below 2^24 terms).
        boolean bitPatches = (sign || producedAsBits[l.input()]) && l.weights().kind().bitPlanes();
        if (bitPatches) {
            bits(l.input());
        } else {
            floats(l.input());
        }
        // One gatherer per group, each over its group's input channels; the kernel sees rows of that many channels.
        int channels = l.channelsPerGroup();
        PatchGatherer[] gatherers = new PatchGatherer[l.groups()];
        for (int g = 0; g < gatherers.length; g++) {
            gatherers[g] = bitPatches
                    ? new BitPatches(l.input(), in, l.window(), l.padValue(), g * channels, channels)
                    : new RealPatches(l.input(), in, l.window(), l.padValue(), sign, g * channels, channels);
        }
        LinearKernel kernel = kernel(l, bitPatches);
        OutputWriter writer = writer(l.stage(), kernel.integerAccumulator(), out);
        LinearStep step = new LinearStep(value, out, gatherers, l.outputsPerGroup(), kernel, writer,
                l.reductionLength(), bitPatches);
        if (writer.producesBits()) {
            produceBits(step);
        } else {
            produceFloats(step);
        }
        return null;
    }

    /** The kernel for every output channel; a weight row holds one group's channels, so groups need nothing else. */
    private static LinearKernel kernel(LinearSpec l, boolean bitPatches) {
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
                return bitPatches ? new XnorKernel(b.words(), l.nOut(), channels, taps, wordsPerTap)
                        : new BinaryRealKernel(planeSums(b.words()), taps, channels);
            }

            @Override
            public LinearKernel ternary(Weights.Ternary t) {
                return bitPatches
                        ? new TernaryBitKernel(t.plus(), t.minus(), t.positiveScales(), t.negativeScales(), l.nOut(),
                        taps, wordsPerTap)
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

    private void produceFloats(Step step) {
        steps.add(step);
        hasFloats[value] = true;
    }

    /** A ±1 value, kept as bits. */
    private void produceBits(Step step) {
        steps.add(step);
        hasBits[value] = true;
        producedAsBits[value] = true;
    }

    /** Makes sure the value is available as floats (±1 values are unpacked from their bits). */
    private void floats(int value) {
        if (!hasFloats[value]) {
            steps.add(ConversionStep.unpack(value, shapes.get(value)));
            hasFloats[value] = true;
        }
    }

    /** Makes sure the value's signs are available as bits. */
    private void bits(int value) {
        if (!hasBits[value]) {
            steps.add(ConversionStep.packSigns(value, value, shapes.get(value)));
            hasBits[value] = true;
        }
    }
}
