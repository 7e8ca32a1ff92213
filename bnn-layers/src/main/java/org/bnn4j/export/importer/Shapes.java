package org.bnn4j.export.importer;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.runtime.format.ValueShape;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;

/** DL4J input types as the format's per-example shapes. */
final class Shapes {
    private Shapes() {
    }

    static ValueShape of(InputType type, String where) {
        if (type instanceof InputType.InputTypeFeedForward ff) {
            return ValueShape.vector(Math.toIntExact(ff.getSize()));
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat flat) {
            return ValueShape.vector(Math.toIntExact(flat.getFlattenedSize()));
        }
        if (type instanceof InputType.InputTypeConvolutional cnn && cnn.getFormat() == CNN2DFormat.NHWC) {
            // a channels-last value (a Keras model's input) keeps its own axis order, [H, W, C]
            return ValueShape.image(Math.toIntExact(cnn.getHeight()), Math.toIntExact(cnn.getWidth()),
                    Math.toIntExact(cnn.getChannels()));
        }
        if (type instanceof InputType.InputTypeConvolutional cnn) {
            return ValueShape.image(Math.toIntExact(cnn.getChannels()), Math.toIntExact(cnn.getHeight()),
                    Math.toIntExact(cnn.getWidth()));
        }
        throw new BnnExportException(where + ": input type " + type + " is not supported (feed-forward or NCHW "
                + "convolutional only)");
    }

    static InputType.InputTypeConvolutional image(InputType type, String where) {
        if (!(type instanceof InputType.InputTypeConvolutional cnn)) {
            throw new BnnExportException(where + ": expects a convolutional (image) input, got " + type);
        }
        if (cnn.getFormat() != null && cnn.getFormat() != CNN2DFormat.NCHW) {
            throw new BnnExportException(where + ": only NCHW data is supported, got " + cnn.getFormat());
        }
        return cnn;
    }
}
