package org.bnn4j.runtime.engine;

/**
 * The values of one forward pass: per value id, its elements as floats (C, H, W order) and/or as packed sign
 * bits (pixel-major, each pixel's channels in {@code ceil(C / 64)} words). Each call owns its workspace, which
 * is what makes concurrent predictions safe.
 */
final class Workspace {
    final float[][] floats;
    final long[][] bits;

    Workspace(int values) {
        floats = new float[values][];
        bits = new long[values][];
    }
}
