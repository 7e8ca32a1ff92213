package org.bnn4j.runtime.engine;

/**
 * Sums of real inputs at the positions a weight bit-plane marks ({@code sum(x[tap][c])} over the plane's set
 * bits), shared by the real-input binary and ternary kernels. Two ways, chosen per op:
 * <ul>
 *   <li><b>bit walk:</b> visit each set bit of each weight word; cheap to start, about one add per set bit;</li>
 *   <li><b>byte table:</b> once per patch, for every group of 8 consecutive inputs, the 256 sums of x over each
 *       subset of the group; then one lookup per weight byte. Building costs 255 adds per group, so it pays
 *       when many output channels share the patch (a first layer with hundreds of units).</li>
 * </ul>
 * Both give exactly the same sums whenever float32 sums are exact; otherwise they differ only in the order of
 * the additions (the table adds per-group partial sums), i.e. in rounding.
 */
final class RealPlaneSums {
    /** Output channels from which the byte table pays for its construction. */
    static final int TABLE_FROM_CHANNELS = 32;

    private final int taps;
    private final int channels;
    private final int wordsPerTap;
    private final int groupsPerTap;
    private final boolean byteTable;

    RealPlaneSums(int taps, int channels, int wordsPerTap, boolean byteTable) {
        this.taps = taps;
        this.channels = channels;
        this.wordsPerTap = wordsPerTap;
        this.groupsPerTap = (channels + 7) >>> 3;
        this.byteTable = byteTable;
    }

    /** The way that is faster for an op with {@code nOut} output channels. */
    static RealPlaneSums forChannels(int nOut, int taps, int channels, int wordsPerTap) {
        return new RealPlaneSums(taps, channels, wordsPerTap, nOut >= TABLE_FROM_CHANNELS);
    }

    boolean usesByteTable() {
        return byteTable;
    }

    /** Prepares the sums over one patch {@code x} ({@code [tap][channel]}); returns the table, or null for the bit walk. */
    float[] prepare(float[] x, Accumulators scratch) {
        if (!byteTable) {
            return null;
        }
        float[] table = scratch.table(taps * groupsPerTap * 256);
        for (int t = 0; t < taps; t++) {
            for (int g = 0; g < groupsPerTap; g++) {
                int first = g << 3;
                int base = (t * groupsPerTap + g) << 8;
                int inGroup = Math.min(8, channels - first);
                table[base] = 0f;
                for (int k = 0; k < inGroup; k++) {
                    // entries with bit k set: the entry without it (lower bits only) plus x_k, in position order
                    float v = x[t * channels + first + k];
                    int half = 1 << k;
                    for (int i = 0; i < half; i++) {
                        table[base + half + i] = table[base + i] + v;
                    }
                }
                // entries that use pad positions are never read: pad bits of weights are 0
            }
        }
        return table;
    }

    /** {@code sum(x)} over the set bits of the plane row starting at word {@code rowOffset}. */
    float sum(float[] x, float[] table, long[] plane, int rowOffset) {
        return table == null ? bitWalk(x, plane, rowOffset) : lookUp(table, plane, rowOffset);
    }

    private float lookUp(float[] table, long[] plane, int rowOffset) {
        float s = 0f;
        for (int t = 0; t < taps; t++) {
            int wBase = rowOffset + t * wordsPerTap;
            int tBase = t * groupsPerTap;
            for (int g = 0; g < groupsPerTap; g++) {
                int bits = (int) (plane[wBase + (g >>> 3)] >>> ((g & 7) << 3)) & 0xFF;
                s += table[((tBase + g) << 8) + bits];
            }
        }
        return s;
    }

    private float bitWalk(float[] x, long[] plane, int rowOffset) {
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
