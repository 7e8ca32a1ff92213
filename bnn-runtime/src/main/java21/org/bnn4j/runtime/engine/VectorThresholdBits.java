package org.bnn4j.runtime.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link ThresholdBits}: a vector of channels compared at once ({@code value < t} and
 * {@code value > t}, the flipped channels taking the second), the lane mask read out as bits. Exact in int: nothing
 * is subtracted. Created only by {@link KernelChoice}, reflectively, next to {@code VectorBitGemm}.
 */
final class VectorThresholdBits implements ThresholdBits {
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int LANES = INTS.length();
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int FLOAT_LANES = FLOATS.length();

    @Override
    public long minusOneBits(int[] values, int[] thresholds, int[] direction, int from, int to) {
        long word = 0;
        int o = from;
        for (; o + LANES <= to; o += LANES) {
            IntVector v = IntVector.fromArray(INTS, values, o);
            IntVector t = IntVector.fromArray(INTS, thresholds, o);
            VectorMask<Integer> flipped = IntVector.fromArray(INTS, direction, o).compare(VectorOperators.GT, 0);
            VectorMask<Integer> minus = v.compare(VectorOperators.GT, t).and(flipped)
                    .or(v.compare(VectorOperators.LT, t).andNot(flipped));
            word |= minus.toLong() << (o - from);
        }
        if (o < to) {
            word |= ScalarThresholdBits.INSTANCE.minusOneBits(values, thresholds, direction, o, to) << (o - from);
        }
        return word;
    }

    @Override
    public long minusOneBits(float[] values, float[] thresholds, int[] direction, int from, int to) {
        long word = 0;
        int o = from;
        for (; o + FLOAT_LANES <= to; o += FLOAT_LANES) {
            FloatVector v = FloatVector.fromArray(FLOATS, values, o);
            FloatVector t = FloatVector.fromArray(FLOATS, thresholds, o);
            VectorMask<Float> flipped = IntVector.fromArray(INTS, direction, o).compare(VectorOperators.GT, 0)
                    .cast(FLOATS);
            VectorMask<Float> minus = v.compare(VectorOperators.GT, t).and(flipped)
                    .or(v.compare(VectorOperators.LT, t).andNot(flipped));
            word |= minus.toLong() << (o - from);
        }
        if (o < to) {
            word |= ScalarThresholdBits.INSTANCE.minusOneBits(values, thresholds, direction, o, to) << (o - from);
        }
        return word;
    }
}
