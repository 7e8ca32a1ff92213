package org.bnn4j.zoo.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.bnn4j.zoo.data.SyntheticFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** Seeded per-epoch shuffling and the train/validation hold-out: reproducible, complete, never overlapping. */
class ShuffleAndSplitTest {
    private static final int TRAIN = 50;

    @TempDir
    Path root;

    @BeforeEach
    void writeFiles() {
        writeIdxSet(root.resolve("mnist"), TRAIN, 20, false);
    }

    private ImageIteratorBuilder mnist() {
        return MnistData.builder().dataDir(root).batchSize(7);
    }

    /** The examples of the rest of the epoch, in the order served, told apart by their corner pixel. */
    private static List<Integer> epoch(ImageDataIterator it) {
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            for (int k = 0; k < batch.numExamples(); k++) {
                int example = exampleWithCornerPixel(Math.round(batch.getFeatures().getFloat(k, 0) * 255));
                assertEquals(1f, batch.getLabels().getFloat(k, label(example)), "label travels with its image");
                order.add(example);
            }
        }
        return order;
    }

    private static List<List<Integer>> epochs(ImageDataIterator it, int count) {
        List<List<Integer>> all = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            all.add(epoch(it));
            it.reset();
        }
        return all;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static List<Integer> sorted(List<Integer> values) {
        return values.stream().sorted().toList();
    }

    @Test
    void withoutShuffleEveryEpochIsInFileOrder() {
        List<List<Integer>> epochs = epochs(mnist().build(), 2);
        assertEquals(range(0, TRAIN), epochs.get(0));
        assertEquals(range(0, TRAIN), epochs.get(1));
    }

    @Test
    void sameSeedGivesTheSameEpochsAndEachEpochIsAPermutation() {
        List<List<Integer>> a = epochs(mnist().shuffle(42).build(), 3);
        List<List<Integer>> b = epochs(mnist().shuffle(42).build(), 3);
        assertEquals(a, b);
        for (List<Integer> epoch : a) {
            assertEquals(range(0, TRAIN), sorted(epoch));
            assertNotEquals(range(0, TRAIN), epoch);
        }
        assertNotEquals(a.get(0), a.get(1), "reshuffled per epoch");
        assertNotEquals(a.get(1), a.get(2), "reshuffled per epoch");
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        assertNotEquals(epoch(mnist().shuffle(1).build()), epoch(mnist().shuffle(2).build()));
    }

    @Test
    void resetBeforeReadingKeepsTheEpoch() {
        ImageDataIterator it = mnist().shuffle(5).build();
        it.reset();
        it.reset();
        assertEquals(epoch(mnist().shuffle(5).build()), epoch(it));
    }

    @Test
    void resetInTheMiddleStartsTheNextEpoch() {
        ImageDataIterator it = mnist().shuffle(5).build();
        it.next();
        it.reset();
        ImageDataIterator reference = mnist().shuffle(5).build();
        epoch(reference);
        reference.reset();
        assertEquals(epoch(reference), epoch(it));
    }

    @Test
    void validationIsHeldOutOfTrainingWithoutOverlap() {
        ImageIteratorBuilder b = mnist().validationSize(10);
        List<Integer> train = epoch(b.split(Split.TRAIN).build());
        List<Integer> validation = epoch(b.split(Split.VALIDATION).build());
        assertEquals(40, train.size());
        assertEquals(10, validation.size());
        Set<Integer> overlap = new HashSet<>(train);
        overlap.retainAll(validation);
        assertEquals(Set.of(), overlap);
        List<Integer> union = new ArrayList<>(train);
        union.addAll(validation);
        assertEquals(range(0, TRAIN), sorted(union));
        assertEquals(sorted(train), train, "file order kept");
        assertNotEquals(range(0, 10), validation, "held-out examples are spread over the file");
    }

    @Test
    void holdOutIsDeterminedBySplitSeed() {
        List<Integer> a = epoch(mnist().validationSize(10).split(Split.VALIDATION).build());
        List<Integer> b = epoch(mnist().validationSize(10).split(Split.VALIDATION).shuffle(9).build());
        List<Integer> c = epoch(mnist().validationSize(10).splitSeed(7).split(Split.VALIDATION).build());
        assertEquals(a, sorted(b), "shuffling does not change which examples are held out");
        assertNotEquals(a, c);
        assertEquals(a, epoch(mnist().validationFraction(0.2).split(Split.VALIDATION).build()));
    }

    @Test
    void testSplitIgnoresTheHoldOut() {
        assertEquals(20, mnist().validationSize(10).split(Split.TEST).build().numExamples());
    }

    @Test
    void limitAppliesWithinTheSplit() {
        List<Integer> train = epoch(mnist().validationSize(10).build());
        assertEquals(train.subList(0, 5), epoch(mnist().validationSize(10).limit(5).build()));
    }

    @Test
    void impossibleHoldOutsAreRejected() {
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> mnist().split(Split.VALIDATION).build());
        assertTrue(none.getMessage().contains("validationSize"), none.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> mnist().validationSize(TRAIN).build());
        assertTrue(all.getMessage().contains("hold " + TRAIN + " examples"), all.getMessage());
    }

    @Test
    void splitIndicesArePartitionsForManySeeds() {
        for (long seed = 0; seed < 20; seed++) {
            int[] train = TrainValidationSplit.indices(100, 30, seed, Split.TRAIN);
            int[] validation = TrainValidationSplit.indices(100, 30, seed, Split.VALIDATION);
            int[] both = IntStream.concat(Arrays.stream(train), Arrays.stream(validation)).sorted().toArray();
            assertArrayEquals(IntStream.range(0, 100).toArray(), both, "seed " + seed);
        }
    }
}
