package org.bnn4j.runtime.engine;

/**
 * Sums of real inputs at the positions a weight bit-plane marks: for each output channel {@code o},
 * {@code sum(x[tap][c])} over the set bits of row {@code o} of the plane. Shared by the real-input binary and
 * ternary kernels. Two ways, chosen per op:
 * <ul>
 *   <li><b>bit walk:</b> visit each set bit of each weight word; cheap to start, about one add per set bit;</li>
 *   <li><b>byte table:</b> for every group of 8 consecutive inputs, the 256 sums of x over each subset of the group
 *       (255 adds), then one lookup per output channel with that channel's weight byte for the group. The weight
 *       bytes are stored group-major ({@code [group][channel]}) at load, so one group's table stays in L1 while
 *       all channels stream past it. Pays when many channels share the input (a first layer with hundreds of
 *       units).</li>
 * </ul>
 * Both give exactly the same sums whenever float32 sums are exact; otherwise they differ only in the order of the
 * additions (the table adds per-group partial sums, group by group), i.e. in rounding.
 */
final class RealPlaneSums {
    /** Output channels from which the byte table pays for its construction. */
    static final int TABLE_FROM_CHANNELS = 32;

    private final long[] plane;
    private final int nOut;
    private final int taps;
    private final int channels;
    private final int wordsPerTap;
    private final int groupsPerTap;
    /** Weight bytes, {@code [tap * groupsPerTap + group][channel]}; null for the bit walk. */
    private final byte[] groupMajor;

    /** @param plane {@code [nOut][taps][wordsPerTap]} */
    RealPlaneSums(long[] plane, int nOut, int taps, int channels, int wordsPerTap, boolean byteTable) {
        this.plane = plane;
        this.nOut = nOut;
        this.taps = taps;
        this.channels = channels;
        this.wordsPerTap = wordsPerTap;
        this.groupsPerTap = (channels + 7) >>> 3;
        this.groupMajor = byteTable ? groupMajor() : null;
    }

    /** The way that is faster for the plane's number of output channels. */
    static RealPlaneSums of(long[] plane, int nOut, int taps, int channels, int wordsPerTap) {
        return new RealPlaneSums(plane, nOut, taps, channels, wordsPerTap, nOut >= TABLE_FROM_CHANNELS);
    }

    boolean usesByteTable() {
        return groupMajor != null;
    }

    private byte[] groupMajor() {
        int groups = taps * groupsPerTap;
        byte[] bytes = new byte[groups * nOut];
        for (int o = 0; o < nOut; o++) {
            for (int t = 0; t < taps; t++) {
                for (int g = 0; g < groupsPerTap; g++) {
                    long word = plane[(o * taps + t) * wordsPerTap + (g >>> 3)];
                    bytes[(t * groupsPerTap + g) * nOut + o] = (byte) (word >>> ((g & 7) << 3));
                }
            }
        }
        return bytes;
    }

    /** {@code out[o]} = the sum of {@code x} ({@code [tap][channel]}) over row {@code o}'s set bits, for o in [oFrom, oTo). */
    void sums(float[] x, int oFrom, int oTo, float[] out, Accumulators scratch) {
        if (groupMajor == null) {
            for (int o = oFrom; o < oTo; o++) {
                out[o] = bitWalk(x, o * taps * wordsPerTap);
            }
            return;
        }
        float[] table = scratch.table(256);
        java.util.Arrays.fill(out, oFrom, oTo, 0f);
        for (int t = 0; t < taps; t++) {
            for (int g = 0; g < groupsPerTap; g++) {
                fillTable(x, t * channels + (g << 3), Math.min(8, channels - (g << 3)), table);
                int base = (t * groupsPerTap + g) * nOut;
                for (int o = oFrom; o < oTo; o++) {
                    out[o] += table[groupMajor[base + o] & 0xFF];
                }
            }
        }
    }

    /** table[b] = sum of x[first + k] over the set bits k of b, in increasing k; entries using pad bits are never read. */
    private static void fillTable(float[] x, int first, int inGroup, float[] table) {
        table[0] = 0f;
        for (int k = 0; k < inGroup; k++) {
            float v = x[first + k];
            int half = 1 << k;
            for (int i = 0; i < half; i++) {
                table[half + i] = table[i] + v;
            }
        }
    }

    private float bitWalk(float[] x, int rowOffset) {
        float s = 0f;
        for (int t = 0; t < taps; t++) {
            int xBase = t * channels;
            int wBase = rowOffset + t * wordsPerTap;
            for (int j = 0; j < wordsPerTap; j++) {
                long word = plane[wBase + j];
                int at = xBase + (j << 6);
                while (word != 0) {
                    s += x[at + Long.numberOfTrailingZeros(word)];
                    word &= word - 1;
                }
            }
        }
        return s;
    }
}
