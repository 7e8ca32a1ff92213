package org.bnn4j.runtime;

import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;
import org.bnn4j.runtime.testutil.Compare;
import org.bnn4j.runtime.testutil.RandomModels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

/**
 * Grouped and depthwise convolutions against {@link org.bnn4j.runtime.testutil.SpecReference} (which reads each
 * output's group from the format's formula): groups 1, 2 and nIn (depthwise, one and two outputs per channel), sign
 * and real inputs, every weight kind, pad values 0, +1 and -1, strides and dilations, affine and threshold stages;
 * and group sizes that start and end inside a 64-bit word.
 */
class GroupedConvolutionTest {

    @Test
    void everyGroupingInputModeWeightKindAndPadValueMatchesTheDefinition() throws Exception {
        RandomModels m = new RandomModels(31);
        Random r = m.random();
        int nIn = 6;
        for (int groups : new int[]{1, 2, nIn}) {
            for (int multiplier : new int[]{1, 2}) {
                for (InputMode mode : InputMode.values()) {
                    for (int kind = 0; kind < 4; kind++) {
                        for (int pad = -1; pad <= 1; pad++) {
                            ValueShape in = ValueShape.image(nIn, 3 + r.nextInt(5), 3 + r.nextInt(5));
                            Window w = m.window(in.height(), in.width());
                            int outputsPerGroup = multiplier;
                            LinearSpec op = m.linear("conv", 0, in, groups * outputsPerGroup, r.nextBoolean(), groups,
                                    mode, kind, w, pad);
                            check(op, in, m, "groups " + groups + ", multiplier " + multiplier + ", " + mode
                                    + ", kind " + kind + ", pad " + pad + ", " + w);
                        }
                    }
                }
            }
        }
    }

    /** Groups of 35, 65 or 100 channels start inside a word and straddle word boundaries. */
    @Test
    void groupsThatCrossWordBoundariesMatchTheDefinition() throws Exception {
        RandomModels m = new RandomModels(32);
        Random r = m.random();
        int[][] shapes = {{70, 2}, {130, 2}, {200, 2}, {195, 3}, {96, 3}, {130, 130}, {64, 64}, {65, 5}};
        for (int trial = 0; trial < 60; trial++) {
            int[] s = shapes[trial % shapes.length];
            int nIn = s[0];
            int groups = s[1];
            ValueShape in = ValueShape.image(nIn, 1 + r.nextInt(5), 1 + r.nextInt(5));
            int nOut = groups * (1 + r.nextInt(groups == nIn ? 2 : 40));
            LinearSpec op = m.linear("conv", 0, in, nOut, r.nextBoolean(), groups);
            check(op, in, m, "trial " + trial);
        }
    }

    /** A grouped convolution between other ops, so its input arrives as bits or floats from either kind of op. */
    @Test
    void groupedConvolutionsInAChainMatchTheDefinition() throws Exception {
        RandomModels m = new RandomModels(33);
        Random r = m.random();
        for (int trial = 0; trial < 40; trial++) {
            ValueShape in = ValueShape.image(1 + r.nextInt(4), 4 + r.nextInt(4), 4 + r.nextInt(4));
            int channels = 2 * (1 + r.nextInt(40));
            LinearSpec first = m.linear("first", 0, in, channels, r.nextBoolean());
            ValueShape mid = shape(first, in);
            int groups = r.nextBoolean() ? channels : 2;
            LinearSpec grouped = m.linear("grouped", 1, mid, groups * (1 + r.nextInt(2)), r.nextBoolean(), groups);
            ModelSpec spec = new ModelSpec("test", in, List.of(first, grouped));
            Compare.runtimeMatchesReference(spec, m.input(in), "chain " + trial);
        }
    }

    private static ValueShape shape(LinearSpec op, ValueShape in) throws BnnFormatException {
        return org.bnn4j.runtime.format.ModelValidator.validate(new ModelSpec("t", in, List.of(op))).get(1);
    }

    private static void check(LinearSpec op, ValueShape in, RandomModels m, String what) throws Exception {
        Compare.runtimeMatchesReference(new ModelSpec("test", in, List.of(op)), m.input(in), what);
    }
}
