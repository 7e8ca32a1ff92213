package org.bnn4j.runtime.engine;

/**
 * The weight rows of a binary op, laid out once at load for the JVM's {@link BitGemmKernel}: always as rows
 * ({@code rows[o * words + i]}), and, where the kernel counts short rows faster across output channels, also
 * channel-interleaved in blocks of {@code lanes} channels: word {@code i} of channels {@code [b * lanes, (b + 1) *
 * lanes)} sit side by side at {@code interleaved[(b * words + i) * lanes ..]}, one vector load. Channels past the
 * last whole block are only in the rows.
 */
final class BitWeights {
    final long[] rows;
    final int words;
    final int count;
    /** 0 when there is no interleaved copy. */
    final int lanes;
    final long[] interleaved;

    private BitWeights(long[] rows, int words, int count, int lanes) {
        this.rows = rows;
        this.words = words;
        this.count = count;
        this.lanes = lanes;
        this.interleaved = lanes == 0 ? null : interleave(rows, words, count, lanes);
    }

    /** {@code count} rows of {@code words} words, in the layout {@code kernel} asks for. */
    static BitWeights of(long[] rows, int words, int count, BitGemmKernel kernel) {
        return new BitWeights(rows, words, count, kernel.interleavedLanes(words));
    }

    /** How many leading channels the interleaved copy holds: whole blocks of {@code lanes} only, 0 without a copy. */
    int interleavedChannels() {
        return lanes == 0 ? 0 : count - count % lanes;
    }

    private static long[] interleave(long[] rows, int words, int count, int lanes) {
        int channels = count - count % lanes;
        long[] t = new long[Math.multiplyExact(channels, words)];
        for (int o = 0; o < channels; o++) {
            for (int i = 0; i < words; i++) {
                t[((o / lanes) * words + i) * lanes + o % lanes] = rows[o * words + i];
            }
        }
        return t;
    }
}
