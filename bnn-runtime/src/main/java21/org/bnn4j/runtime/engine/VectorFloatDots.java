package org.bnn4j.runtime.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link FloatDots}: a vector of output channels at a time (16 on AVX-512), two vectors per step so
 * two chains of adds overlap; each lane multiplies and then adds, rounding both, exactly as the scalar loop does (no
 * fused multiply-add), so the sums are the same bits. Channels past the last whole vector run the scalar loop.
 * Created only by {@link KernelChoice#floatDots}, reflectively, where the vector bit kernel runs.
 */
final class VectorFloatDots implements FloatDots {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();

    @Override
    public String name() {
        return "vector (" + FLOATS.vectorBitSize() + "-bit FloatVector)";
    }

    @Override
    public void dots(float[] w, int nOut, float[] x, int rowLength, int oFrom, int oTo, float[] out) {
        int o = oFrom;
        for (; o + 2 * LANES <= oTo; o += 2 * LANES) {
            FloatVector a = FloatVector.zero(FLOATS);
            FloatVector b = FloatVector.zero(FLOATS);
            for (int k = 0, at = o; k < rowLength; k++, at += nOut) {
                FloatVector v = FloatVector.broadcast(FLOATS, x[k]);
                a = a.add(FloatVector.fromArray(FLOATS, w, at).mul(v));
                b = b.add(FloatVector.fromArray(FLOATS, w, at + LANES).mul(v));
            }
            a.intoArray(out, o);
            b.intoArray(out, o + LANES);
        }
        for (; o + LANES <= oTo; o += LANES) {
            FloatVector a = FloatVector.zero(FLOATS);
            for (int k = 0, at = o; k < rowLength; k++, at += nOut) {
                a = a.add(FloatVector.fromArray(FLOATS, w, at).mul(FloatVector.broadcast(FLOATS, x[k])));
            }
            a.intoArray(out, o);
        }
        if (o < oTo) {
            ScalarFloatDots.INSTANCE.dots(w, nOut, x, rowLength, o, oTo, out);
        }
    }
}
