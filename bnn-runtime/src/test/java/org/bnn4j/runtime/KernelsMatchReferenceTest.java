package org.bnn4j.runtime;

import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.AddSpec;
import org.bnn4j.runtime.format.AffineSpec;
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
import org.bnn4j.runtime.format.Window;
import org.bnn4j.runtime.testutil.Compare;
import org.bnn4j.runtime.testutil.RandomModels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The runtime's kernels (XNOR/popcount, ternary bit-planes, real-input binary, float; patches with zero and ±1
 * padding, strides and dilation; thresholds and affine stages; pooling, add, reshape, activations) against
 * {@link org.bnn4j.runtime.testutil.SpecReference}, which evaluates the format's definitions element by element.
 */
class KernelsMatchReferenceTest {

    @Test
    void everyDenseVariantMatchesTheDefinition() throws Exception {
        RandomModels m = new RandomModels(1);
        Random r = m.random();
        for (int trial = 0; trial < 300; trial++) {
            ValueShape in = ValueShape.vector(1 + r.nextInt(200));
            LinearSpec op = m.linear("dense", 0, in, 1 + r.nextInt(130), r.nextBoolean());
            Compare.runtimeMatchesReference(new ModelSpec("test", in, List.of(op)), m.input(in), "trial " + trial);
        }
    }

    @Test
    void everyConvolutionVariantMatchesTheDefinition() throws Exception {
        RandomModels m = new RandomModels(2);
        Random r = m.random();
        for (int trial = 0; trial < 300; trial++) {
            ValueShape in = ValueShape.image(1 + r.nextInt(140), 1 + r.nextInt(7), 1 + r.nextInt(7));
            LinearSpec op = m.linear("conv", 0, in, 1 + r.nextInt(70), r.nextBoolean());
            Compare.runtimeMatchesReference(new ModelSpec("test", in, List.of(op)), m.input(in), "trial " + trial);
        }
    }

    /** Zero padding under sign inputs: padded taps contribute nothing, so outputs at borders use fewer inputs. */
    @Test
    void zeroPaddingOfSignInputsLeavesPaddedTapsOut() throws Exception {
        RandomModels m = new RandomModels(3);
        for (int trial = 0; trial < 50; trial++) {
            ValueShape in = ValueShape.image(1 + m.random().nextInt(130), 3 + m.random().nextInt(4), 3 + m.random().nextInt(4));
            Window same = new Window(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
            for (int kind = 1; kind <= 3; kind++) {
                LinearSpec draft = new LinearSpec("conv", 0, InputMode.SIGN, 5, in.channels(), same, 0,
                        m.weights(kind, 5, 9, in.channels()), m.affine(5));
                Compare.runtimeMatchesReference(new ModelSpec("test", in, List.of(draft)), m.input(in), "kind " + kind);
                LinearSpec thresholded = new LinearSpec("conv", 0, InputMode.SIGN, 5, in.channels(), same, 0,
                        draft.weights(), m.thresholds(draft));
                Compare.runtimeMatchesReference(new ModelSpec("test", in, List.of(thresholded)), m.input(in), "kind " + kind);
            }
        }
    }

    /**
     * Chains of every op, so values move between float and bit form in every combination. The ops in the middle
     * keep values exact in float32 (2x2 average, clamp, leaky ReLU with slope 1/4), so any difference is a bug.
     */
    @Test
    void chainsOfAllOpsMatchTheDefinition() throws Exception {
        RandomModels m = new RandomModels(4);
        Random r = m.random();
        for (int trial = 0; trial < 120; trial++) {
            ValueShape in = ValueShape.image(1 + r.nextInt(5), 6 + r.nextInt(4), 6 + r.nextInt(4));
            List<OpSpec> ops = new ArrayList<>();
            List<ValueShape> shapes = new ArrayList<>(List.of(in));
            int channels = 2 + r.nextInt(70);
            LinearSpec first = m.linear("conv0", 0, in, channels, r.nextBoolean());
            add(ops, shapes, first);
            if (r.nextBoolean()) {
                Window w = new Window(2, 2, 2, 2, 1, 1, 0, r.nextInt(2), 0, r.nextInt(2));
                ValueShape s = last(shapes);
                if (w.outHeight(s.height()) >= 1 && w.outWidth(s.width()) >= 1) {
                    boolean max = r.nextBoolean();
                    add(ops, shapes, new PoolSpec("pool", ops.size(), max ? PoolKind.MAX : PoolKind.AVG, w, false));
                }
            }
            if (r.nextBoolean()) {
                OutputStage.Affine a = m.affine(last(shapes).channels());
                add(ops, shapes, new AffineSpec("affine", ops.size(), a.mul(), a.add()));
            }
            ActivationKind[] kinds = {ActivationKind.SIGN, ActivationKind.CLAMP, ActivationKind.LEAKY_RELU};
            ActivationKind kind = kinds[r.nextInt(kinds.length)];
            add(ops, shapes, new ActivationSpec("act", ops.size(), kind, kind == ActivationKind.CLAMP ? -1f : 0.25f,
                    kind == ActivationKind.CLAMP ? 1f : 0f));
            int residualFrom = ops.size();
            ValueShape s = last(shapes);
            Window same = new Window(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
            LinearSpec second = new LinearSpec("conv1", ops.size(), r.nextBoolean() ? InputMode.SIGN : InputMode.REAL,
                    s.channels(), s.channels(), same, r.nextInt(3) - 1, m.weights(r.nextInt(4), s.channels(), 9, s.channels()),
                    m.affine(s.channels()));
            add(ops, shapes, second);
            add(ops, shapes, new AddSpec("add", new int[]{residualFrom, ops.size()}));
            if (r.nextBoolean()) {
                add(ops, shapes, new GlobalPoolSpec("gap", ops.size(), r.nextBoolean() ? PoolKind.MAX : PoolKind.SUM));
            } else {
                add(ops, shapes, new ReshapeSpec("flatten", ops.size(), ValueShape.vector((int) last(shapes).size())));
            }
            add(ops, shapes, m.linear("dense", ops.size(), last(shapes), 2 + r.nextInt(70), r.nextBoolean()));
            add(ops, shapes, m.linear("out", ops.size(), last(shapes), 10, false));
            add(ops, shapes, new ActivationSpec("softmax", ops.size(), ActivationKind.SOFTMAX, 0, 0));
            ModelSpec spec = new ModelSpec("test", in, ops);
            Compare.runtimeMatchesReference(spec, m.input(in), "chain " + trial);
        }
    }

    /** Tanh, sigmoid, softmax and average pooling by the valid-tap count, which are not exact in float32. */
    @Test
    void inexactFloatOpsAgreeWithinRounding() throws Exception {
        RandomModels m = new RandomModels(5);
        ValueShape in = ValueShape.image(3, 5, 5);
        for (ActivationKind kind : new ActivationKind[]{ActivationKind.TANH, ActivationKind.SIGMOID}) {
            ModelSpec spec = new ModelSpec("test", in, List.of(new ActivationSpec("act", 0, kind, 0, 0)));
            Compare.runtimeMatchesReference(spec, m.input(in), kind.toString());
        }
        ModelSpec softmax = new ModelSpec("test", ValueShape.vector(10),
                List.of(new ActivationSpec("softmax", 0, ActivationKind.SOFTMAX, 0, 0)));
        Compare.runtimeMatchesReference(softmax, m.input(ValueShape.vector(10)), "softmax");
        ModelSpec average = new ModelSpec("test", in, List.of(new GlobalPoolSpec("gap", 0, PoolKind.AVG)));
        Compare.runtimeMatchesReference(average, m.input(in), "global average");
        for (int trial = 0; trial < 30; trial++) {
            Window w = m.window(5, 5);
            if (w.padTop() >= w.effectiveKernelHeight() || w.padLeft() >= w.effectiveKernelWidth()
                    || w.padBottom() >= w.effectiveKernelHeight() || w.padRight() >= w.effectiveKernelWidth()) {
                continue;
            }
            for (PoolKind kind : new PoolKind[]{PoolKind.MAX, PoolKind.AVG}) {
                for (boolean valid : new boolean[]{false, true}) {
                    if (kind == PoolKind.MAX && valid) continue;
                    ModelSpec spec = new ModelSpec("test", in, List.of(new PoolSpec("pool", 0, kind, w, valid)));
                    try {
                        org.bnn4j.runtime.format.ModelValidator.validate(spec);
                    } catch (BnnFormatException e) {
                        continue; // a window entirely in the padding: rejected by the format, tested elsewhere
                    }
                    Compare.runtimeMatchesReference(spec, m.input(in), kind + " " + w + " valid=" + valid);
                }
            }
        }
    }

    private static void add(List<OpSpec> ops, List<ValueShape> shapes, OpSpec op) throws Exception {
        ops.add(op);
        shapes.add(org.bnn4j.runtime.format.ModelValidator.validate(new ModelSpec("t", shapes.get(0), ops)).get(ops.size()));
    }

    private static ValueShape last(List<ValueShape> shapes) {
        return shapes.get(shapes.size() - 1);
    }
}
