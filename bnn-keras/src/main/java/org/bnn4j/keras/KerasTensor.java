package org.bnn4j.keras;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;

/**
 * What flows out of an imported layer, as the DL4J side sees it.
 *
 * @param vertex       the DL4J vertex (or network input) that holds it; layers that change nothing (InputLayer,
 *                     Flatten, Dropout(0)) pass their input's vertex on
 * @param type         its DL4J type as the next layer must see it (images NCHW)
 * @param flattenedHwc for a vector made by Keras' Flatten of an NHWC image: {height, width, channels}, whose
 *                     order differs from DL4J's flatten of the NCHW image; null otherwise
 * @param pending      a preprocessor the consuming layer must apply because the vertex's value is not yet of
 *                     {@code type}: NhwcToNchw for the network's NHWC image input, CnnToFeedForward after a
 *                     Flatten; null when none is needed
 */
record KerasTensor(String vertex, InputType type, long[] flattenedHwc, InputPreProcessor pending) {

    static KerasTensor of(String vertex, InputType type) {
        return new KerasTensor(vertex, type, null, null);
    }

    /** The same value once a consuming layer applied the pending preprocessor. */
    KerasTensor consumed() {
        return new KerasTensor(vertex, type, flattenedHwc, null);
    }

    boolean isImage() {
        return type instanceof InputType.InputTypeConvolutional;
    }

    InputType.InputTypeConvolutional image() {
        return (InputType.InputTypeConvolutional) type;
    }

    long features() {
        return type.arrayElementsPerExample();
    }
}
