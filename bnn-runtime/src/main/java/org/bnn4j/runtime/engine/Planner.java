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
final class Planner {
    private final List<ValueShape> shapes;
    private final List<Step> steps = new ArrayList<>();
    private final boolean[] hasFloats;
    private final boolean[] hasBits;
    private final boolean[] producedAsBits;

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
            planner.add(ops.get(i), i + 1);
        }
        return new ExecutionPlan(spec, shapes, planner.steps, planner.producedAsBits);
    }

    private void add(OpSpec op, int value) {
        op.accept(new OpSpec.Visitor<Void, RuntimeException>() {
            @Override
            public Void linear(LinearSpec l) {
                Planner.this.linear(l, value);
                return null;
            }

            @Override
            public Void affine(AffineSpec a) {
                floats(a.input());
                produceFloats(new AffineStep(a.input(), value, shapes.get(value), a.mul(), a.add()), value);
                return null;
            }

            @Override
            public Void activation(ActivationSpec a) {
                Planner.this.activation(a, value);
                return null;
            }

            @Override
            public Void pool(PoolSpec p) {
                Planner.this.pool(p, value);
                return null;
            }

            @Override
            public Void globalPool(GlobalPoolSpec g) {
                floats(g.input());
                produceFloats(new GlobalPoolStep(g.input(), value, shapes.get(g.input()), g.kind()), value);
                return null;
            }

            @Override
            public Void add(AddSpec a) {
                for (int in : a.inputs()) {
                    floats(in);
                }
                produceFloats(new AddStep(a.inputs(), value), value);
                return null;
            }

            @Override
            public Void reshape(ReshapeSpec r) {
                floats(r.input());
                produceFloats(new ReshapeStep(r.input(), value), value);
                return null;
            }
        });
    }

    private void pool(PoolSpec p, int value) {
        if (p.kind() == PoolKind.MAX && producedAsBits[p.input()]) {
            steps.add(new BitMaxPoolStep(p.input(), value, shapes.get(p.input()), shapes.get(value), p.window()));
            hasBits[value] = true;
            producedAsBits[value] = true;
            return;
        }
        floats(p.input());
        produceFloats(new PoolStep(p.input(), value, shapes.get(p.input()), shapes.get(value), p.window(), p.kind(),
                p.divideByValidCount()), value);
    }

    private void activation(ActivationSpec a, int value) {
        if (a.kind() != ActivationKind.SIGN) {
            floats(a.input());
            produceFloats(new ActivationStep(a.input(), value, a.kind(), a.a(), a.b()), value);
            return;
        }
        if (hasBits[a.input()]) {
            steps.add(new AliasStep(a.input(), value)); // a value's bits are its signs already
        } else {
            floats(a.input());
            steps.add(ConversionStep.packSigns(a.input(), value, shapes.get(value)));
        }
        hasBits[value] = true;
        producedAsBits[value] = true;
    }

    private void linear(LinearSpec l, int value) {
        ValueShape in = shapes.get(l.input());
        ValueShape out = shapes.get(value);
        boolean sign = l.inputMode() == InputMode.SIGN;
        // A REAL-mode op whose input is ±1 already (a sign or threshold output) has sign(x) = x: the same sums come
        // from XNOR on bits, exactly (its float32 sums of ±1 terms are exact integers below 2^24 terms).
        boolean bitPatches = (sign || producedAsBits[l.input()]) && l.weights().kind().bitPlanes();
        PatchGatherer gatherer;
        if (bitPatches) {
            bits(l.input());
            gatherer = new BitPatches(l.input(), in, l.window(), l.padValue());
        } else {
            floats(l.input());
            gatherer = new RealPatches(l.input(), in, l.window(), l.padValue(), sign);
        }
        LinearKernel kernel = kernel(l, bitPatches);
        OutputWriter writer = writer(l.stage(), kernel.integerAccumulator(), out);
        steps.add(new LinearStep(value, out, gatherer, kernel, writer, l.reductionLength(), bitPatches));
        if (writer.producesBits()) {
            hasBits[value] = true;
            producedAsBits[value] = true;
        } else {
            hasFloats[value] = true;
        }
    }

    private static LinearKernel kernel(LinearSpec l, boolean bitPatches) {
        int taps = l.taps();
        int wordsPerTap = BitPacking.words(l.nIn());
        return l.weights().accept(new Weights.Visitor<LinearKernel, RuntimeException>() {
            @Override
            public LinearKernel float32(Weights.Float32 f) {
                return new FloatKernel(f.values(), taps * l.nIn());
            }

            @Override
            public LinearKernel binary(Weights.Binary b) {
                return bitPatches ? new XnorKernel(b.words(), l.nOut(), l.nIn(), taps, wordsPerTap)
                        : new BinaryRealKernel(RealPlaneSums.of(b.words(), l.nOut(), taps, l.nIn(), wordsPerTap),
                        taps, l.nIn());
            }

            @Override
            public LinearKernel ternary(Weights.Ternary t) {
                return bitPatches
                        ? new TernaryBitKernel(t.plus(), t.minus(), t.positiveScales(), t.negativeScales(), l.nOut(),
                        taps, wordsPerTap)
                        : new TernaryRealKernel(RealPlaneSums.of(t.plus(), l.nOut(), taps, l.nIn(), wordsPerTap),
                        RealPlaneSums.of(t.minus(), l.nOut(), taps, l.nIn(), wordsPerTap), t.positiveScales(),
                        t.negativeScales());
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

    private void produceFloats(Step step, int value) {
        steps.add(step);
        hasFloats[value] = true;
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
