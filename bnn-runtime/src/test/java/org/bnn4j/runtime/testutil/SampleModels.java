package org.bnn4j.runtime.testutil;

import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.AddSpec;
import org.bnn4j.runtime.format.AffineSpec;
import org.bnn4j.runtime.format.GlobalPoolSpec;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.PoolSpec;
import org.bnn4j.runtime.format.ReshapeSpec;
import org.bnn4j.runtime.format.TransposeSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;

import java.util.List;

/** Fixed small models that use every op, for tests that need a realistic file. */
public final class SampleModels {
    private SampleModels() {
    }

    /**
     * An XNOR-style image classifier: real-input binary conv (thresholds), max pool, binary conv with zero
     * padding (thresholds), ternary scaled conv, residual add, per-channel affine, global average, float dense,
     * softmax; plus a flatten-and-dense branch merged by the add.
     */
    public static ModelSpec convNet(long seed) {
        RandomModels m = new RandomModels(seed);
        ValueShape in = ValueShape.image(3, 8, 8);
        Window same3 = new Window(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        LinearSpec conv0Draft = new LinearSpec("conv0", 0, InputMode.REAL, 16, 3, same3, 0,
                m.weights(1, 16, 9, 3), m.affine(16));
        LinearSpec conv0 = conv0Draft.withStage(m.thresholds(conv0Draft));
        PoolSpec pool = new PoolSpec("pool0", 1, PoolKind.MAX, new Window(2, 2, 2, 2, 1, 1, 0, 0, 0, 0), false);
        LinearSpec conv1Draft = new LinearSpec("conv1", 2, InputMode.SIGN, 16, 16, same3, 0,
                m.weights(1, 16, 9, 16), m.affine(16));
        LinearSpec conv1 = conv1Draft.withStage(m.thresholds(conv1Draft));
        LinearSpec conv2 = new LinearSpec("conv2", 3, InputMode.SIGN, 16, 16, same3, -1,
                m.weights(3, 16, 9, 16), m.affine(16));
        AddSpec add = new AddSpec("add", new int[]{2, 4});
        OutputStage.Affine bn = m.affine(16);
        AffineSpec affine = new AffineSpec("bn", 5, bn.mul(), bn.add());
        ActivationSpec relu = new ActivationSpec("relu", 6, ActivationKind.CLAMP, 0f, Float.POSITIVE_INFINITY);
        GlobalPoolSpec gap = new GlobalPoolSpec("gap", 7, PoolKind.AVG);
        LinearSpec dense = new LinearSpec("dense", 8, InputMode.REAL, 10, 16, null, 0, m.weights(0, 10, 1, 16), m.affine(10));
        ReshapeSpec flatten = new ReshapeSpec("flatten", 6, ValueShape.vector(16 * 4 * 4));
        LinearSpec side = new LinearSpec("side", 10, InputMode.SIGN, 10, 256, null, 0, m.weights(2, 10, 1, 256), m.affine(10));
        AddSpec merge = new AddSpec("merge", new int[]{9, 11});
        ActivationSpec softmax = new ActivationSpec("softmax", 12, ActivationKind.SOFTMAX, 0, 0);
        return new ModelSpec("bnn4j test", in, List.of(conv0, pool, conv1, conv2, add, affine, relu, gap, dense,
                flatten, side, merge, softmax));
    }

    /**
     * A channels-last image input (a version-3 file, as models imported from Keras export): TRANSPOSE [H, W, C] to
     * [C, H, W], a real-input binary convolution with thresholds, global average.
     */
    public static ModelSpec channelsLastConvNet(long seed) {
        RandomModels m = new RandomModels(seed);
        Window same3 = new Window(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        TransposeSpec toNchw = new TransposeSpec("input/nhwc-to-nchw", 0, new int[]{2, 0, 1});
        LinearSpec convDraft = new LinearSpec("conv0", 1, InputMode.REAL, 8, 3, same3, 0,
                m.weights(1, 8, 9, 3), m.affine(8));
        LinearSpec conv = convDraft.withStage(m.thresholds(convDraft));
        GlobalPoolSpec gap = new GlobalPoolSpec("gap", 2, PoolKind.AVG);
        return new ModelSpec("bnn4j test", ValueShape.image(6, 5, 3), List.of(toNchw, conv, gap));
    }

    /**
     * Grouped and depthwise convolutions (a version-2 file): a real-input binary convolution in 2 groups
     * (thresholds), a depthwise binary 3x3 with two outputs per channel and -1 padding (thresholds), a scaled
     * ternary convolution in 4 groups with zero padding, a float depthwise 3x3 (multiplier 1), global average,
     * float dense, softmax.
     */
    public static ModelSpec groupedConvNet(long seed) {
        RandomModels m = new RandomModels(seed);
        ValueShape in = ValueShape.image(4, 6, 6);
        Window same3 = new Window(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        Window oneByOne = new Window(1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        LinearSpec grouped = m.linear("grouped", 0, in, 8, true, 2, InputMode.REAL, 1, oneByOne, 0);
        LinearSpec depthwise = m.linear("depthwise", 1, ValueShape.image(8, 6, 6), 16, true, 8, InputMode.SIGN, 1,
                same3, -1);
        LinearSpec ternary = m.linear("ternary", 2, ValueShape.image(16, 6, 6), 8, false, 4, InputMode.SIGN, 3,
                same3, 0);
        LinearSpec floatDepthwise = m.linear("float-depthwise", 3, ValueShape.image(8, 6, 6), 8, false, 8,
                InputMode.REAL, 0, same3, 0);
        GlobalPoolSpec gap = new GlobalPoolSpec("gap", 4, PoolKind.AVG);
        LinearSpec dense = new LinearSpec("dense", 5, InputMode.REAL, 10, 8, null, 0, m.weights(0, 10, 1, 8), m.affine(10));
        ActivationSpec softmax = new ActivationSpec("softmax", 6, ActivationKind.SOFTMAX, 0, 0);
        return new ModelSpec("bnn4j test", in, List.of(grouped, depthwise, ternary, floatDepthwise, gap, dense, softmax));
    }
}
