package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ValueShape;

/**
 * A value's two forms in a {@link Workspace} as one int: {@code 2 * value} for its floats, {@code 2 * value + 1} for
 * its bits. What the planner records of each step's reads and writes, to free a form after its last use.
 */
final class Slots {
    private Slots() {
    }

    static int floats(int value) {
        return 2 * value;
    }

    static int bits(int value) {
        return 2 * value + 1;
    }

    static int value(int slot) {
        return slot >>> 1;
    }

    static boolean isBits(int slot) {
        return (slot & 1) != 0;
    }

    /** Bytes of one example's slot: float32 elements, or the packed words of its signs. */
    static long bytes(int slot, ValueShape shape) {
        return isBits(slot) ? 8L * BitLayout.totalWords(shape) : 4L * shape.size();
    }

    /** Drops the slot's array from the workspace (another slot sharing it keeps it alive). */
    static void free(Workspace ws, int slot) {
        if (isBits(slot)) {
            ws.bits[value(slot)] = null;
        } else {
            ws.floats[value(slot)] = null;
        }
    }
}
