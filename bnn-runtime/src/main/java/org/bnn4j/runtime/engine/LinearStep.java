package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;

/**
 * A dense or convolution op over a block of examples: every output position of every example is a row; rows are
 * gathered into patches a tile at a time, the kernel accumulates every output channel of the tile, and the writer
 * stores the outputs. The three parts are separate objects so each can be optimized alone.
 *
 * <p>With more than one thread, an op with enough work is split: by rows between tasks (many positions or
 * examples), or else by output channels, in multiples of 64 so that no two tasks write the same word of a bit output
 * (batch 1 of a dense op). Each task has its own patches and accumulators.
 *
 * <p>A grouped convolution runs group by group within each tile: the group's gatherer collects its input channels,
 * and the same kernel accumulates the group's output channels (weight rows hold one group's channels). Without
 * groups that loop has one turn per tile, and the gatherers, kernels and {@link BitGemm} are exactly those of an
 * ungrouped op.
 */
final class LinearStep implements Step {
    /** Rows per tile: enough for the XNOR kernel's 4-row register tiles and its weight-block reuse. */
    static final int TILE = 16;
    private static final int CHANNEL_BLOCK = 64;

    private final int output;
    private final ValueShape out;
    /** Float-MAC equivalents per output row and channel (binary MACs count 1/32). */
    private final long workPerOutput;
    /** One per group: output channel o reads the patches of gatherer {@code o / outputsPerGroup}. */
    private final PatchGatherer[] gatherers;
    private final int outputsPerGroup;
    private final LinearKernel kernel;
    private final OutputWriter writer;

    /** @param reductionLength inputs per output value ({@code nIn / groups * taps}) */
    LinearStep(int output, ValueShape out, PatchGatherer[] gatherers, int outputsPerGroup, LinearKernel kernel,
               OutputWriter writer, long reductionLength, boolean binaryInputs) {
        this.output = output;
        this.out = out;
        this.workPerOutput = binaryInputs ? Math.max(1, reductionLength / 32) : reductionLength;
        this.gatherers = gatherers.clone();
        this.outputsPerGroup = outputsPerGroup;
        this.kernel = kernel;
        this.writer = writer;
    }

    boolean producesBits() {
        return writer.producesBits();
    }

    /** A tile's patches and accumulators. */
    @Override
    public long scratchBytes() {
        return TILE * (gatherers[0].patchBytes() + 4L * out.channels());
    }

    @Override
    public void run(Workspace ws) {
        run(new Workspace[]{ws}, Parallelism.SERIAL);
    }

    @Override
    public void run(Workspace[] block, Parallelism parallelism) {
        boolean bits = writer.producesBits();
        float[][] realOut = new float[block.length][];
        long[][] bitOut = new long[block.length][];
        for (int e = 0; e < block.length; e++) {
            if (bits) {
                bitOut[e] = new long[BitLayout.totalWords(out)];
            } else {
                realOut[e] = new float[(int) out.size()];
            }
        }
        int rows = Math.multiplyExact(block.length, out.area());
        int channels = out.channels();
        int threads = parallelism.threads();
        int channelBlocks = (channels + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK;
        if (threads > 1 && (long) rows * channels * workPerOutput < parallelism.minimumSplitWork()) {
            threads = 1;
        }
        // 4L: a Parallelism may report any number of threads, and 4 * threads must not wrap around
        if (threads > 1 && (rows >= 4L * threads || (rows >= threads && channelBlocks < 2))) {
            int tasks = threads;
            parallelism.run(tasks, t -> compute(block, realOut, bitOut,
                    (int) ((long) rows * t / tasks), (int) ((long) rows * (t + 1) / tasks), 0, channels));
        } else if (threads > 1 && channelBlocks >= 2) {
            int tasks = Math.min(threads, channelBlocks);
            parallelism.run(tasks, t -> compute(block, realOut, bitOut, 0, rows,
                    CHANNEL_BLOCK * (channelBlocks * t / tasks), Math.min(channels, CHANNEL_BLOCK * (channelBlocks * (t + 1) / tasks))));
        } else {
            compute(block, realOut, bitOut, 0, rows, 0, channels);
        }
        for (int e = 0; e < block.length; e++) {
            if (bits) {
                block[e].bits[output] = bitOut[e];
            } else {
                block[e].floats[output] = realOut[e];
            }
        }
    }

    /** Rows {@code [rowFrom, rowTo)} (example-major, then position), channels {@code [oFrom, oTo)}. */
    private void compute(Workspace[] block, float[][] realOut, long[][] bitOut, int rowFrom, int rowTo, int oFrom, int oTo) {
        if (rowFrom >= rowTo || oFrom >= oTo) {
            return;
        }
        int tile = Math.min(TILE, rowTo - rowFrom);
        Patch[] tilePatches = new Patch[tile];
        for (int k = 0; k < tile; k++) {
            tilePatches[k] = gatherers[0].newPatch(); // every group's patches have the same size
        }
        Accumulators acc = new Accumulators(tile, out.channels(), kernel.integerAccumulator());
        int[] tileExamples = new int[tile];
        int[] tilePositions = new int[tile];
        float[][] tileReals = new float[tile][];
        long[][] tileBits = new long[tile][];
        int positions = out.area();
        int width = out.width();
        for (int r = rowFrom; r < rowTo; r += tile) {
            int n = Math.min(tile, rowTo - r);
            for (int k = 0; k < n; k++) {
                int example = (r + k) / positions;
                tileExamples[k] = example;
                tilePositions[k] = (r + k) % positions;
                tileReals[k] = realOut[example];
                tileBits[k] = bitOut[example];
            }
            for (int g = oFrom / outputsPerGroup, lo = oFrom; lo < oTo; g++) {
                int hi = Math.min(oTo, (g + 1) * outputsPerGroup);
                PatchGatherer patches = gatherers[g];
                for (int k = 0; k < n; k++) {
                    int position = tilePositions[k];
                    patches.gather(block[tileExamples[k]], position / width, position % width, tilePatches[k]);
                }
                kernel.accumulate(tilePatches, n, lo, hi, acc);
                lo = hi;
            }
            writer.write(n, tilePositions, acc, oFrom, oTo, tileReals, tileBits);
        }
    }
}
