package org.bnn4j.zoo;

/** Argument checks shared by the zoo models, with messages that name the model and the field. */
final class ZooValidation {
    private ZooValidation() {
    }

    static void requirePositive(String model, String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(model + ": " + field + " must be > 0, got " + value);
        }
    }

    static void requireFraction(String model, String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(model + ": " + field + " must be in [0, 1), got " + value);
        }
    }

    static int[] requireImageShape(String model, int[] shape) {
        if (shape == null || shape.length != 3 || shape[0] <= 0 || shape[1] <= 0 || shape[2] <= 0) {
            throw new IllegalArgumentException(model + ": inputShape must be {channels, height, width} with positive "
                    + "entries, got " + java.util.Arrays.toString(shape));
        }
        return shape.clone();
    }
}
