package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;

/**
 * A dense or convolution op: for every output position, gather the patch, accumulate every output channel,
 * write the outputs. The three parts are separate objects so each can be optimized (blocking, threads over
 * channel ranges) without touching the others.
 */
final class LinearStep implements Step {
    private final int output;
    private final ValueShape out;
    private final PatchGatherer patches;
    private final LinearKernel kernel;
    private final OutputWriter writer;

    LinearStep(int output, ValueShape out, PatchGatherer patches, LinearKernel kernel, OutputWriter writer) {
        this.output = output;
        this.out = out;
        this.patches = patches;
        this.kernel = kernel;
        this.writer = writer;
    }

    boolean producesBits() {
        return writer.producesBits();
    }

    @Override
    public void run(Workspace ws) {
        int channels = out.channels();
        float[] realOut = writer.producesBits() ? null : new float[(int) out.size()];
        long[] bitOut = writer.producesBits() ? new long[BitLayout.totalWords(out)] : null;
        Patch patch = patches.newPatch();
        int[] ints = new int[channels];
        float[] floats = new float[channels];
        int width = out.width();
        for (int oy = 0; oy < out.height(); oy++) {
            for (int ox = 0; ox < width; ox++) {
                patches.gather(ws, oy, ox, patch);
                kernel.accumulate(patch, 0, channels, ints, floats);
                writer.write(oy * width + ox, 0, channels, ints, floats, realOut, bitOut);
            }
        }
        if (realOut != null) {
            ws.floats[output] = realOut;
        } else {
            ws.bits[output] = bitOut;
        }
    }
}
