package org.bnn4j.zoo.data;

/**
 * How pixel bytes 0..255 become network inputs.
 *
 * <pre>{@code
 * DataSetIterator it = MnistData.builder().normalization(Normalization.MINUS_ONE_TO_ONE).build();
 * }</pre>
 */
public enum Normalization {
    /** p / 255, in [0, 1]. */
    ZERO_TO_ONE(1.0f / 255f, 0f),
    /** p / 127.5 - 1, in [-1, 1]: centred inputs, as binarized first layers like. */
    MINUS_ONE_TO_ONE(2.0f / 255f, -1f);

    private final float scale;
    private final float offset;

    Normalization(float scale, float offset) {
        this.scale = scale;
        this.offset = offset;
    }

    /** The input value of an unsigned pixel byte. */
    public float apply(int pixel) {
        return pixel * scale + offset;
    }
}
