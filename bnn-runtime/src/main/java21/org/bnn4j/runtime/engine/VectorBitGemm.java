package org.bnn4j.runtime.engine;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The optional Vector API kernel of {@link BitGemm}: whole vectors of x and weight words are XORed, counted lane by
 * lane ({@code VectorOperators.BIT_COUNT}, one {@code vpopcntq} for 8 words on AVX-512 VPOPCNTDQ against one
 * {@code popcnt} per word in the plain kernel) and summed in vector accumulators, reduced once per output.
 *
 * <p>Compiled only on JDK 21+ (lane-wise {@code BIT_COUNT} came with JDK 19's incubator) into
 * {@code META-INF/versions/21} of the bnn-runtime jar, and created only by {@link KernelChoice}, reflectively, when
 * {@code jdk.incubator.vector} is resolved:
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp bnn-runtime.jar:app.jar app.Main   # Java 21+
 * BitGemm.implementation();   // "vector (512-bit LongVector)"
 * }</pre>
 *
 * <p>Tile: two x rows against four weight rows, eight independent accumulators. The four weight vectors loaded per
 * step serve both x rows, which measured 15-20% faster than one x row against four weight rows (the limit is the
 * vector ALU ports shared by XOR, count and add; fewer loads leave them more slots). A leftover odd x row runs as a
 * 1x4 tile, so a single row (batch 1) does no wasted work. Words past the last whole vector are counted by the
 * scalar loop: masked loads of the tail took a slow path and measured over 10x slower.
 *
 * <p>Short rows (a convolution's patch of few channels: 3 words for 3x3x16, 9 for 3x3x64) have too few words for
 * that: a vector would be mostly empty and the per-output reduction would cost more than the counting. They are
 * counted across output channels instead ({@link #differingBitsInterleaved}): one x word broadcast to every lane,
 * XORed with that word of {@code LANES} channels' weights loaded side by side ({@link BitWeights}), so each vector
 * step does full work and the lanes end up holding {@code LANES} finished counts, stored without reduction.
 */
final class VectorBitGemm implements BitGemmKernel {
    /**
     * A 128-bit vector holds two words, and the JVMs that prefer such vectors (x86 without AVX2, ARM NEON) have no
     * 64-bit lane count instruction, so it is unlikely to beat one scalar {@code popcnt} per word (not measured).
     */
    static final int MIN_VECTOR_BITS = 256;

    /**
     * Rows up to this many words are counted across output channels: fewer than two whole vectors, where the row
     * kernel spends more on its reduction and scalar tail than on counting.
     */
    static final int INTERLEAVE_MAX_WORDS = 2 * LongVector.SPECIES_PREFERRED.length() - 1;

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final int LANES = LONGS.length();
    /** Int lanes of the same count: the counts of one long vector, narrowed for storing. */
    private static final VectorSpecies<Integer> COUNTS = VectorSpecies.of(int.class,
            VectorShape.forBitSize(LONGS.vectorBitSize() / 2));

    /** @throws UnsupportedOperationException where this JVM's preferred vectors are narrower than 256 bits */
    VectorBitGemm() {
        if (LONGS.vectorBitSize() < MIN_VECTOR_BITS) {
            throw new UnsupportedOperationException("vector kernel off: preferred vectors are "
                    + LONGS.vectorBitSize() + " bits, fewer than " + MIN_VECTOR_BITS);
        }
    }

    @Override
    public String name() {
        return "vector (" + LONGS.vectorBitSize() + "-bit LongVector)";
    }

    @Override
    public void differingBitsInBlock(long[][] xs, int rows, long[] w, int words, int oFrom, int oTo, int[][] out) {
        if (words < LANES) {
            // Not one whole vector per row: the scalar kernel's register tile is the faster way.
            ScalarBitGemm.INSTANCE.differingBitsInBlock(xs, rows, w, words, oFrom, oTo, out);
            return;
        }
        int vectorWords = words - words % LANES;
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            twoRows(xs[r], xs[r + 1], w, words, vectorWords, oFrom, oTo, out[r], out[r + 1]);
        }
        if (r < rows) {
            oneRow(xs[r], w, words, vectorWords, oFrom, oTo, out[r]);
        }
    }

    @Override
    public int interleavedLanes(int words) {
        return words <= INTERLEAVE_MAX_WORDS ? LANES : 0;
    }

    @Override
    public void differingBitsInterleaved(long[][] xs, int rows, BitWeights w, int oFrom, int oTo, int[][] out) {
        int words = w.words;
        int lo = Math.min(oTo, (oFrom + LANES - 1) / LANES * LANES);
        int hi = Math.max(lo, Math.min(oTo, w.interleavedChannels()) / LANES * LANES);
        if (oFrom < lo) {
            ScalarBitGemm.INSTANCE.differingBitsInBlock(xs, rows, w.rows, words, oFrom, lo, out);
        }
        for (int b = lo; b < hi; b += LANES) {
            int base = b * words; // block b / LANES starts at (b / LANES) * words * LANES
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                fourRowsOneBlock(xs[r], xs[r + 1], xs[r + 2], xs[r + 3], w.interleaved, base, words, b,
                        out[r], out[r + 1], out[r + 2], out[r + 3]);
            }
            for (; r < rows; r++) {
                oneRowOneBlock(xs[r], w.interleaved, base, words, b, out[r]);
            }
        }
        if (hi < oTo) {
            ScalarBitGemm.INSTANCE.differingBitsInBlock(xs, rows, w.rows, words, hi, oTo, out);
        }
    }

    /** Four x rows against one block of LANES interleaved channels: four independent accumulators. */
    private static void fourRowsOneBlock(long[] x0, long[] x1, long[] x2, long[] x3, long[] t, int base, int words,
                                         int o, int[] out0, int[] out1, int[] out2, int[] out3) {
        LongVector s0 = LongVector.zero(LONGS), s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i < words; i++) {
            LongVector wi = LongVector.fromArray(LONGS, t, base + i * LANES);
            s0 = s0.add(wi.lanewise(VectorOperators.XOR, x0[i]).lanewise(VectorOperators.BIT_COUNT));
            s1 = s1.add(wi.lanewise(VectorOperators.XOR, x1[i]).lanewise(VectorOperators.BIT_COUNT));
            s2 = s2.add(wi.lanewise(VectorOperators.XOR, x2[i]).lanewise(VectorOperators.BIT_COUNT));
            s3 = s3.add(wi.lanewise(VectorOperators.XOR, x3[i]).lanewise(VectorOperators.BIT_COUNT));
        }
        store(s0, out0, o);
        store(s1, out1, o);
        store(s2, out2, o);
        store(s3, out3, o);
    }

    private static void oneRowOneBlock(long[] x, long[] t, int base, int words, int o, int[] out) {
        LongVector s = LongVector.zero(LONGS);
        for (int i = 0; i < words; i++) {
            s = s.add(LongVector.fromArray(LONGS, t, base + i * LANES).lanewise(VectorOperators.XOR, x[i])
                    .lanewise(VectorOperators.BIT_COUNT));
        }
        store(s, out, o);
    }

    /** The LANES counts of {@code s} into {@code out[o ..]} (each count fits an int: at most 64 * words). */
    private static void store(LongVector s, int[] out, int o) {
        ((IntVector) s.convertShape(VectorOperators.L2I, COUNTS, 0)).intoArray(out, o);
    }

    /** x rows {@code x} and {@code y} against four weight rows at a time: each weight vector loaded once for both. */
    private static void twoRows(long[] x, long[] y, long[] w, int words, int vectorWords, int oFrom, int oTo,
                                int[] outX, int[] outY) {
        int o = oFrom;
        for (; o + 4 <= oTo; o += 4) {
            int a = o * words;
            int b = a + words;
            int c = b + words;
            int d = c + words;
            LongVector xa = LongVector.zero(LONGS), xb = xa, xc = xa, xd = xa;
            LongVector ya = xa, yb = xa, yc = xa, yd = xa;
            for (int i = 0; i < vectorWords; i += LANES) {
                LongVector xi = LongVector.fromArray(LONGS, x, i);
                LongVector yi = LongVector.fromArray(LONGS, y, i);
                LongVector wa = LongVector.fromArray(LONGS, w, a + i);
                LongVector wb = LongVector.fromArray(LONGS, w, b + i);
                LongVector wc = LongVector.fromArray(LONGS, w, c + i);
                LongVector wd = LongVector.fromArray(LONGS, w, d + i);
                xa = plusDifferingBits(xa, xi, wa);
                xb = plusDifferingBits(xb, xi, wb);
                xc = plusDifferingBits(xc, xi, wc);
                xd = plusDifferingBits(xd, xi, wd);
                ya = plusDifferingBits(ya, yi, wa);
                yb = plusDifferingBits(yb, yi, wb);
                yc = plusDifferingBits(yc, yi, wc);
                yd = plusDifferingBits(yd, yi, wd);
            }
            outX[o] = total(xa, x, w, a, vectorWords, words);
            outX[o + 1] = total(xb, x, w, b, vectorWords, words);
            outX[o + 2] = total(xc, x, w, c, vectorWords, words);
            outX[o + 3] = total(xd, x, w, d, vectorWords, words);
            outY[o] = total(ya, y, w, a, vectorWords, words);
            outY[o + 1] = total(yb, y, w, b, vectorWords, words);
            outY[o + 2] = total(yc, y, w, c, vectorWords, words);
            outY[o + 3] = total(yd, y, w, d, vectorWords, words);
        }
        for (; o < oTo; o++) {
            outX[o] = BitGemm.plain(x, w, o * words, words);
            outY[o] = BitGemm.plain(y, w, o * words, words);
        }
    }

    /** One x row against four weight rows at a time: the leftover row of an odd row count. */
    private static void oneRow(long[] x, long[] w, int words, int vectorWords, int oFrom, int oTo, int[] out) {
        int o = oFrom;
        for (; o + 4 <= oTo; o += 4) {
            int a = o * words;
            int b = a + words;
            int c = b + words;
            int d = c + words;
            LongVector sa = LongVector.zero(LONGS), sb = sa, sc = sa, sd = sa;
            for (int i = 0; i < vectorWords; i += LANES) {
                LongVector xi = LongVector.fromArray(LONGS, x, i);
                sa = plusDifferingBits(sa, xi, LongVector.fromArray(LONGS, w, a + i));
                sb = plusDifferingBits(sb, xi, LongVector.fromArray(LONGS, w, b + i));
                sc = plusDifferingBits(sc, xi, LongVector.fromArray(LONGS, w, c + i));
                sd = plusDifferingBits(sd, xi, LongVector.fromArray(LONGS, w, d + i));
            }
            out[o] = total(sa, x, w, a, vectorWords, words);
            out[o + 1] = total(sb, x, w, b, vectorWords, words);
            out[o + 2] = total(sc, x, w, c, vectorWords, words);
            out[o + 3] = total(sd, x, w, d, vectorWords, words);
        }
        for (; o < oTo; o++) {
            out[o] = BitGemm.plain(x, w, o * words, words);
        }
    }

    /** {@code sum + popcount(x XOR w)}, lane by lane. */
    private static LongVector plusDifferingBits(LongVector sum, LongVector x, LongVector w) {
        return sum.add(x.lanewise(VectorOperators.XOR, w).lanewise(VectorOperators.BIT_COUNT));
    }

    /** The lanes of {@code sum} added up, plus the differing bits of words {@code [from, to)} counted one by one. */
    private static int total(LongVector sum, long[] x, long[] w, int offset, int from, int to) {
        int c = (int) sum.reduceLanes(VectorOperators.ADD);
        for (int i = from; i < to; i++) {
            c += Long.bitCount(x[i] ^ w[offset + i]);
        }
        return c;
    }
}
