package org.bnn4j.zoo.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic mutations of a valid file, the kinds a fuzzer tries on a file reader: bit flips, truncation,
 * byte insertions, deletions and overwrites, a duplicated run of bytes, and header-style 32-bit fields (either
 * byte order) set to huge, negative or zero values. The same seed gives the same sequence of mutations.
 *
 * <pre>{@code
 * Mutator mutator = new Mutator(42);
 * Mutator.Mutation m = mutator.mutate(validBytes);
 * Files.write(file, m.bytes());
 * }</pre>
 */
public final class Mutator {
    /** Values a lying count or dimension field takes. */
    private static final int[] EDGE_INTS = {Integer.MAX_VALUE, Integer.MAX_VALUE - 8, Integer.MIN_VALUE, -1, 0, 1,
            1 << 30, 1 << 24, 65_536};
    /** Headers sit at the start of a file: most field overwrites land there. */
    private static final int HEADER_REGION = 64;

    private final Random random;

    public Mutator(long seed) {
        random = new Random(seed);
    }

    /** A mutated copy of a file, and what was done to it (for failure messages). */
    public record Mutation(String description, byte[] bytes) {
    }

    /** Returns a mutated copy of {@code valid} (which is left as it is). */
    public Mutation mutate(byte[] valid) {
        byte[] b = valid.clone();
        switch (random.nextInt(7)) {
            case 0: {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return new Mutation(flips + " bit flips", b);
            }
            case 1: {
                int length = b.length == 0 ? 0 : random.nextInt(b.length);
                return new Mutation("truncated to " + length + " bytes", Arrays.copyOf(b, length));
            }
            case 2: {
                int at = random.nextInt(b.length + 1);
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                return new Mutation(inserted.length + " bytes inserted at " + at, splice(b, at, 0, inserted));
            }
            case 3: {
                int at = random.nextInt(Math.max(1, b.length));
                int n = Math.min(1 + random.nextInt(16), b.length - at);
                return new Mutation(n + " bytes deleted at " + at, splice(b, at, n, new byte[0]));
            }
            case 4: {
                int at = random.nextInt(Math.max(1, b.length));
                int n = Math.min(1 + random.nextInt(8), b.length - at);
                byte[] replacement = new byte[n];
                random.nextBytes(replacement);
                return new Mutation(n + " bytes overwritten at " + at, splice(b, at, n, replacement));
            }
            case 5: {
                int at = random.nextInt(Math.max(1, b.length));
                byte[] run = Arrays.copyOfRange(b, at, Math.min(b.length, at + 1 + random.nextInt(256)));
                return new Mutation(run.length + " bytes from " + at + " repeated", splice(b, at, 0, run));
            }
            default:
                return field(b);
        }
    }

    /** The number of mutations a fuzz test runs: {@code -Dbnn4j.fuzz.iterations=N}, else {@code defaultCount}. */
    public static int iterations(int defaultCount) {
        return Integer.getInteger("bnn4j.fuzz.iterations", defaultCount);
    }

    private Mutation field(byte[] b) {
        if (b.length < 4) {
            return new Mutation("unchanged (too short for a field)", b);
        }
        int at = 4 * random.nextInt(Math.min(b.length, HEADER_REGION) / 4);
        int value = random.nextInt(4) == 0 ? random.nextInt() : EDGE_INTS[random.nextInt(EDGE_INTS.length)];
        ByteOrder order = random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer.wrap(b).order(order).putInt(at, value);
        return new Mutation("32-bit field at " + at + " set to " + value + " (" + order + ")", b);
    }

    private static byte[] splice(byte[] b, int at, int removed, byte[] inserted) {
        byte[] out = new byte[b.length - removed + inserted.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(b, at + removed, out, at + inserted.length, b.length - at - removed);
        return out;
    }
}
