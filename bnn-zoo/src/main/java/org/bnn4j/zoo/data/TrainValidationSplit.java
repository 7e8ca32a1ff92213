package org.bnn4j.zoo.data;

import java.util.Arrays;

/**
 * Divides a training file's examples into a training part and a held-out validation part. A seeded permutation
 * picks the validation examples, so the same (size, seed) always holds out the same examples and the two parts
 * never overlap; each part keeps file order.
 */
final class TrainValidationSplit {
    private TrainValidationSplit() {
    }

    /**
     * @param total          examples in the training files
     * @param validationSize examples held out, 0 for none
     * @return the example indices of {@code split} (TRAIN or VALIDATION), ascending
     */
    static int[] indices(int total, int validationSize, long seed, Split split) {
        if (split == Split.TEST) {
            throw new IllegalArgumentException("the test split is not taken from the training files");
        }
        if (validationSize < 0 || validationSize >= total) {
            throw new IllegalArgumentException("validation size " + validationSize + " must be in 0.." + (total - 1)
                    + ": the training files hold " + total + " examples and training needs at least one");
        }
        if (split == Split.VALIDATION && validationSize == 0) {
            throw new IllegalStateException("the VALIDATION split is empty: set validationSize(...) or "
                    + "validationFraction(...) on the builder");
        }
        int[] permutation = new int[total];
        Arrays.setAll(permutation, i -> i);
        if (validationSize > 0) {
            Seeded.shuffle(permutation, Seeded.random(seed, 0));
        }
        int[] part = split == Split.VALIDATION
                ? Arrays.copyOfRange(permutation, 0, validationSize)
                : Arrays.copyOfRange(permutation, validationSize, total);
        Arrays.sort(part);
        return part;
    }
}
