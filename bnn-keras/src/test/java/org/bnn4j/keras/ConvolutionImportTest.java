package org.bnn4j.keras;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.bnn4j.keras.KerasTestModels.config;
import static org.bnn4j.keras.KerasTestModels.input;
import static org.bnn4j.keras.KerasTestModels.quantizer;
import static org.bnn4j.keras.KerasTestModels.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every convolution Larq has, imported from a written HDF5 file and run on an NHWC input, against Keras' definition
 * (KerasReference): strides, dilation, valid/same (TensorFlow's padding split), pad_values, each quantizer.
 */
class ConvolutionImportTest {
    private static final Map<String, Object> STE_SIGN = quantizer("SteSign", "clip_value", 1.0);
    private static final UnaryOperator<INDArray> SIGN = KerasReference.elementwise(KerasReference::sign);

    @TempDir
    Path dir;

    /** kernel 3x3 or 2x3, strides, dilation, same, pad value, input quantizer, kernel quantizer (Keras / reference). */
    static Stream<Arguments> conv2dCases() {
        float t = 0.3f;
        return Stream.of(
                Arguments.of("QuantConv2D", 3, 3, 2, 2, 1, true, 1.0, STE_SIGN, STE_SIGN, true,
                        (DoubleUnaryOperator) KerasReference::sign, SIGN),
                Arguments.of("QuantConv2D", 2, 2, 1, 1, 1, true, -1.0, STE_SIGN, quantizer("MagnitudeAwareSign",
                        "clip_value", 1.0), false, (DoubleUnaryOperator) KerasReference::sign,
                        (UnaryOperator<INDArray>) KerasReference::magnitudeAwareSign),
                Arguments.of("QuantConv2D", 3, 3, 1, 1, 2, true, 0.0, quantizer("ApproxSign"),
                        quantizer("SwishSign", "beta", 5.0), true, (DoubleUnaryOperator) KerasReference::sign, SIGN),
                Arguments.of("QuantConv2D", 2, 3, 2, 1, 1, false, 0.0, null,
                        quantizer("SteTern", "threshold_value", (double) t, "ternary_weight_networks", false), true,
                        null, KerasReference.elementwise(x -> KerasReference.tern(x, t))),
                Arguments.of("Conv2D", 3, 3, 2, 2, 1, true, 0.0, null, null, true, null,
                        (UnaryOperator<INDArray>) w -> w));
    }

    @ParameterizedTest(name = "{0} {1}x{2} strides {3},{4} dilation {5} same={6} pad {7}")
    @MethodSource("conv2dCases")
    void conv2dMatchesKeras(String className, int kh, int kw, int sh, int sw, int dilation, boolean same,
                            double pad, Map<String, Object> inputQ, Map<String, Object> kernelQ, boolean bias,
                            DoubleUnaryOperator refInputQ, UnaryOperator<INDArray> refKernelQ) throws Exception {
        INDArray kernel = uniform(1, kh, kw, 3, 4);
        kernel.putScalar(0, 0.3f);       // exactly at SteTern's threshold: +1 in Larq
        kernel.putScalar(1, -0.3f);      // exactly at minus the threshold: -1
        INDArray b = uniform(2, 4);
        Map<String, Object> c = config("filters", 4, "kernel_size", List.of(kh, kw), "strides", List.of(sh, sw),
                "dilation_rate", List.of(dilation, dilation), "padding", same ? "same" : "valid",
                "use_bias", bias, "activation", "linear", "pad_values", pad);
        if (inputQ != null) {
            c.put("input_quantizer", inputQ);
        }
        if (kernelQ != null) {
            c.put("kernel_quantizer", kernelQ);
        }
        Map<String, INDArray> w = bias ? Map.of("kernel", kernel, "bias", b) : Map.of("kernel", kernel);
        INDArray x = uniform(3, 2, 7, 6, 3);
        INDArray expected = KerasReference.conv2d(x, kernel, bias ? b : null, new int[]{sh, sw},
                new int[]{dilation, dilation}, same, pad, refInputQ, refKernelQ, false);
        assertImportedMatches(className, c, w, x, expected);
    }

    /** Larq's QuantDepthwiseConv2D (quantized input and kernel, pad values) and Keras' stock DepthwiseConv2D. */
    @ParameterizedTest(name = "{0} same={1} pad {2}")
    @MethodSource("depthwiseCases")
    void depthwiseMatchesKeras(String className, boolean same, double pad) throws Exception {
        boolean larq = className.startsWith("Quant");
        INDArray kernel = uniform(4, 3, 3, 3, 2);
        INDArray b = uniform(5, 6);
        Map<String, Object> c = config("kernel_size", List.of(3, 3), "depth_multiplier", 2, "strides", List.of(1, 1),
                "padding", same ? "same" : "valid", "use_bias", true);
        if (larq) {
            c.putAll(config("pad_values", pad, "input_quantizer", STE_SIGN, "depthwise_quantizer", STE_SIGN,
                    "depthwise_constraint", config("class_name", "weight_clip", "config", config("clip_value", 1))));
        }
        INDArray x = uniform(6, 2, 7, 6, 3);
        INDArray expected = KerasReference.conv2d(x, kernel, b, new int[]{1, 1}, new int[]{1, 1}, same, pad,
                larq ? KerasReference::sign : null, larq ? SIGN : w -> w, true);
        assertImportedMatches(className, c, Map.of("depthwise_kernel", kernel, "bias", b), x, expected);
    }

    static Stream<Arguments> depthwiseCases() {
        return Stream.of(Arguments.of("QuantDepthwiseConv2D", true, 1.0), Arguments.of("QuantDepthwiseConv2D", false, 0.0),
                Arguments.of("DepthwiseConv2D", true, 0.0), Arguments.of("DepthwiseConv2D", false, 0.0));
    }

    /** Larq's QuantSeparableConv2D (pointwise kernel quantized or not) and Keras' stock SeparableConv2D. */
    @ParameterizedTest(name = "{0} pointwise quantized={1}")
    @MethodSource("separableCases")
    void separableMatchesKeras(String className, boolean pointwiseQuantized) throws Exception {
        boolean larq = className.startsWith("Quant");
        INDArray depthwise = uniform(7, 3, 3, 3, 2);
        INDArray pointwise = uniform(8, 1, 1, 6, 5);
        INDArray b = uniform(9, 5);
        Map<String, Object> c = config("filters", 5, "kernel_size", List.of(3, 3), "depth_multiplier", 2,
                "padding", "same", "use_bias", true);
        if (larq) {
            c.putAll(config("pad_values", 1.0, "input_quantizer", STE_SIGN, "depthwise_quantizer", STE_SIGN));
        }
        if (pointwiseQuantized) {
            c.put("pointwise_quantizer", STE_SIGN);
        }
        INDArray x = uniform(10, 2, 7, 6, 3);
        INDArray stage = KerasReference.conv2d(x, depthwise, null, new int[]{1, 1}, new int[]{1, 1}, true,
                larq ? 1.0 : 0.0, larq ? KerasReference::sign : null, larq ? SIGN : w -> w, true);
        INDArray expected = KerasReference.conv2d(stage, pointwise, b, new int[]{1, 1}, new int[]{1, 1}, false, 0,
                null, pointwiseQuantized ? SIGN : w -> w, false);
        assertImportedMatches(className, c,
                Map.of("depthwise_kernel", depthwise, "pointwise_kernel", pointwise, "bias", b), x, expected);
    }

    static Stream<Arguments> separableCases() {
        return Stream.of(Arguments.of("QuantSeparableConv2D", true), Arguments.of("QuantSeparableConv2D", false),
                Arguments.of("SeparableConv2D", false));
    }

    private void assertImportedMatches(String className, Map<String, Object> layer, Map<String, INDArray> weights,
                                       INDArray x, INDArray expectedNhwc) throws Exception {
        Path file = new KerasH5Writer(true)
                .layer("InputLayer", "in", input(7, 6, 3))
                .layer(className, "conv", layer, weights)
                .write(dir.resolve("conv.h5"));
        MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(file);
        // the network takes the Keras NHWC input; its convolution output is NCHW
        INDArray out = net.output(x).permute(0, 2, 3, 1).castTo(DataType.DOUBLE);
        assertArrayEquals(expectedNhwc.shape(), out.shape());
        double maxError = out.sub(expectedNhwc).amaxNumber().doubleValue();
        assertTrue(maxError < 1e-4, "max |error| " + maxError);
    }
}
