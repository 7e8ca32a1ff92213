package org.bnn4j.runtime.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When each slot of a plan dies, and the most memory one example holds at once, worked out from the steps' reads
 * and writes: a slot is freed after the last step that reads it (the model's output never is), and the peak is the
 * largest sum, over the steps, of the arrays alive during a step (its inputs and its new output) plus the step's
 * scratch. A step that only shares its input's array (reshape, the sign of a ±1 value) adds no bytes.
 */
final class MemoryPlan {
    /**
     * One step's use of slots.
     *
     * @param sharesRead whether {@code write} is the same array as {@code reads[0]}
     * @param op         the op the step belongs to, for messages
     */
    record Use(int[] reads, int write, boolean sharesRead, long scratchBytes, int op) {
    }

    private final int[][] freeAfter;
    private final long peakBytes;
    private final int peakOp;

    /**
     * @param slotBytes bytes of each slot for one example
     * @param inputSlot the slot that holds the input before the first step
     * @param pinned    slots never freed (the output)
     */
    MemoryPlan(List<Use> uses, long[] slotBytes, int inputSlot, int... pinned) {
        int steps = uses.size();
        int[] lastUse = new int[slotBytes.length];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < steps; i++) {
            for (int r : uses.get(i).reads()) {
                lastUse[r] = i;
            }
            lastUse[uses.get(i).write()] = Math.max(lastUse[uses.get(i).write()], i);
        }
        for (int p : pinned) {
            lastUse[p] = Integer.MAX_VALUE;
        }
        // Arrays shared by several slots are counted once, and freed when the last of them is.
        int[] array = new int[slotBytes.length];
        Arrays.fill(array, -1);
        long[] arrayBytes = new long[steps + 1];
        int[] arraySlots = new int[steps + 1];
        array[inputSlot] = 0;
        arrayBytes[0] = slotBytes[inputSlot];
        arraySlots[0] = 1;
        long live = slotBytes[inputSlot];
        long peak = live;
        int peakAt = 0;
        freeAfter = new int[steps][];
        for (int i = 0; i < steps; i++) {
            Use u = uses.get(i);
            if (u.sharesRead()) {
                array[u.write()] = array[u.reads()[0]];
            } else {
                array[u.write()] = i + 1;
                arrayBytes[i + 1] = slotBytes[u.write()];
                live += slotBytes[u.write()];
            }
            arraySlots[array[u.write()]]++;
            if (live + u.scratchBytes() > peak) {
                peak = live + u.scratchBytes();
                peakAt = u.op();
            }
            List<Integer> dead = new ArrayList<>();
            for (int s : slotsOf(u)) {
                if (lastUse[s] == i && array[s] >= 0) {
                    dead.add(s);
                    if (--arraySlots[array[s]] == 0) {
                        live -= arrayBytes[array[s]];
                    }
                    array[s] = -1;
                }
            }
            freeAfter[i] = dead.stream().mapToInt(Integer::intValue).toArray();
        }
        this.peakBytes = peak;
        this.peakOp = peakAt;
    }

    private static int[] slotsOf(Use u) {
        int[] slots = Arrays.copyOf(u.reads(), u.reads().length + 1);
        slots[slots.length - 1] = u.write();
        return slots;
    }

    /** The slots to free after step {@code i}. */
    int[][] freeAfter() {
        return freeAfter;
    }

    /** The most bytes one example holds at once. */
    long peakBytes() {
        return peakBytes;
    }

    /** The op at whose step the peak is reached. */
    int peakOp() {
        return peakOp;
    }
}
