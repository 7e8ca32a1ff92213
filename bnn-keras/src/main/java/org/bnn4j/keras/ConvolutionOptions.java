package org.bnn4j.keras;

import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * The window options Keras' convolutions and poolings share, checked: kernel (or pool) size, strides, dilation,
 * padding ("valid" is DL4J's Truncate, "same" DL4J's Same, which like TensorFlow puts an odd extra pad at the
 * bottom/right) and channels_last data format.
 *
 * <pre>{@code
 * ConvolutionOptions o = ConvolutionOptions.read(reader, "kernel_size", "strides");
 * builder.kernelSize(o.kernel()).stride(o.strides()).convolutionMode(o.mode());
 * }</pre>
 */
record ConvolutionOptions(int[] kernel, int[] strides, int[] dilation, ConvolutionMode mode) {

    static ConvolutionOptions read(ConfigReader c, String sizeField, boolean stridesDefaultToSize) {
        int[] kernel = c.pair(sizeField, 0);
        int[] strides = stridesDefaultToSize && !c.has("strides") ? kernel : c.pair("strides", 1);
        int[] dilation = c.pair("dilation_rate", 1);
        String padding = c.string("padding", "valid");
        ConvolutionMode mode = switch (padding) {
            case "valid" -> ConvolutionMode.Truncate;
            case "same" -> ConvolutionMode.Same;
            default -> throw c.error("padding", "expected 'valid' or 'same', got '" + padding + "'");
        };
        String format = c.string("data_format", "channels_last");
        if (!"channels_last".equals(format)) {
            throw c.error("data_format", "only channels_last (TensorFlow's default) is supported, got " + format);
        }
        if ((dilation[0] > 1 || dilation[1] > 1) && (strides[0] > 1 || strides[1] > 1)) {
            throw c.error("dilation_rate", "Keras rejects dilation together with strides > 1");
        }
        return new ConvolutionOptions(kernel, strides, dilation, mode);
    }

    boolean same() {
        return mode == ConvolutionMode.Same;
    }
}
