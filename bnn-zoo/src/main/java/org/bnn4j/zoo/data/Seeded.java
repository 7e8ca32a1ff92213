package org.bnn4j.zoo.data;

import java.util.Random;

/** Reproducible randomness: one generator per (seed, stream), e.g. per epoch, and in-place shuffling. */
final class Seeded {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeded() {
    }

    /**
     * A generator determined by {@code seed} and {@code stream} alone. The pair goes through the SplitMix64
     * finaliser so that neighbouring streams (epochs 0, 1, 2...) give unrelated sequences.
     */
    static Random random(long seed, int stream) {
        long z = seed + (stream + 1L) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /** Fisher-Yates shuffle of {@code a} in place. */
    static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
