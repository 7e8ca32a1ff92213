package org.bnn4j.keras;

import org.bnn4j.nn.conf.layers.BatchNorm;
import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedDenseLayer;
import org.bnn4j.nn.conf.layers.QuantizedDepthwiseConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer;
import org.bnn4j.nn.params.ParamKeys;
import org.bnn4j.nn.quantizers.Quantizer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keras layers with weights as bnn4j layers: Larq's QuantDense, QuantConv2D, QuantDepthwiseConv2D and
 * QuantSeparableConv2D (stock Dense, Conv2D, DepthwiseConv2D and SeparableConv2D are the same layers without
 * quantizers), and BatchNormalization. Latent float kernels become the layers' latent weights, so training can go
 * on; the quantizers apply at use, as in Larq. No constraint in Keras means none in bnn4j (bnn4j's default [-1, 1]
 * clip of quantized kernels is turned off), weight_clip becomes {@code WeightClipConstraint}.
 *
 * <pre>{@code
 * MappedLayer m = new WeightedLayerMapper(file).dense(layer, input);
 * }</pre>
 */
final class WeightedLayerMapper {
    private final String file;

    WeightedLayerMapper(String file) {
        this.file = file;
    }

    MappedLayer dense(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = new ConfigReader(file, k);
        if (in.isImage()) {
            throw c.error("units", "a Dense layer on an image (applied to its last axis) is not supported; "
                    + "put a Flatten or a global pooling before it");
        }
        long nIn = in.features();
        int units = c.integer("units");
        boolean bias = c.bool("use_bias", true);
        Layer layer = build(c, () -> new QuantizedDenseLayer.Builder().name(k.name()).nIn(nIn).nOut(units)
                .activation(KerasActivations.of(c, "activation")).hasBias(bias)
                .inputQuantizer(LarqQuantizers.quantizer(c, "input_quantizer", false))
                .kernelQuantizer(LarqQuantizers.quantizer(c, "kernel_quantizer", true))
                .constrainWeights(constraints(c, "kernel_constraint")).build());
        long[] hwc = in.flattenedHwc();
        List<ParamSource> params = new ArrayList<>();
        params.add(ParamSource.weight(ParamKeys.KERNEL, "kernel", new long[]{nIn, units}, hwc == null
                ? w -> w.dup('c') : w -> KerasWeightLayout.denseAfterFlatten(w, hwc[0], hwc[1], hwc[2])));
        addBias(params, bias, units);
        return new MappedLayer(k, layer, null, in.pending(), List.of(in.vertex()),
                KerasTensor.of(k.name(), layer.getOutputType(0, in.type())), params);
    }

    MappedLayer convolution(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = requireImage(k, in);
        if (c.has("groups") && c.number("groups", 1) != 1) {
            throw c.error("groups", "grouped Conv2D is not supported (only groups=1)");
        }
        ConvolutionOptions o = ConvolutionOptions.read(c, "kernel_size", false);
        long channels = in.image().getChannels();
        int filters = c.integer("filters");
        boolean bias = c.bool("use_bias", true);
        Layer layer = build(c, () -> window(new QuantizedConvolutionLayer.Builder(o.kernel()), k, c, o, "kernel")
                .nIn(channels).nOut(filters).hasBias(bias).build());
        List<ParamSource> params = new ArrayList<>();
        params.add(ParamSource.weight(ParamKeys.KERNEL, "kernel",
                new long[]{o.kernel()[0], o.kernel()[1], channels, filters}, KerasWeightLayout::convKernel));
        addBias(params, bias, filters);
        return image(k, layer, in, params);
    }

    MappedLayer depthwise(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = requireImage(k, in);
        ConvolutionOptions o = ConvolutionOptions.read(c, "kernel_size", false);
        long channels = in.image().getChannels();
        int multiplier = c.has("depth_multiplier") ? c.integer("depth_multiplier") : 1;
        boolean bias = c.bool("use_bias", true);
        Layer layer = build(c, () -> window(new QuantizedDepthwiseConvolutionLayer.Builder(o.kernel()), k, c, o,
                "depthwise").depthMultiplier(multiplier).nIn(channels).nOut(channels * multiplier).hasBias(bias)
                .build());
        List<ParamSource> params = new ArrayList<>();
        params.add(depthwiseKernel(o, channels, multiplier));
        addBias(params, bias, channels * multiplier);
        return image(k, layer, in, params);
    }

    MappedLayer separable(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = requireImage(k, in);
        ConvolutionOptions o = ConvolutionOptions.read(c, "kernel_size", false);
        long channels = in.image().getChannels();
        int multiplier = c.has("depth_multiplier") ? c.integer("depth_multiplier") : 1;
        int filters = c.integer("filters");
        boolean bias = c.bool("use_bias", true);
        // bnn4j's separable layer has one constraint list for both kernels (window sets the depthwise one)
        if (!Objects.equals(LarqQuantizers.constraint(c, "depthwise_constraint"),
                LarqQuantizers.constraint(c, "pointwise_constraint"))) {
            throw c.error("pointwise_constraint", "must equal depthwise_constraint (bnn4j constrains both kernels "
                    + "of a separable convolution alike)");
        }
        Quantizer pointwise = LarqQuantizers.quantizer(c, "pointwise_quantizer", true);
        Layer layer = build(c, () -> window(new QuantizedSeparableConvolutionLayer.Builder(o.kernel()), k, c, o,
                "depthwise").pointwiseQuantizer(pointwise).depthMultiplier(multiplier).nIn(channels).nOut(filters)
                .hasBias(bias).build());
        List<ParamSource> params = new ArrayList<>();
        params.add(depthwiseKernel(o, channels, multiplier));
        params.add(ParamSource.weight(QuantizedSeparableConvolutionLayer.POINTWISE_KERNEL_KEY, "pointwise_kernel",
                new long[]{1, 1, channels * multiplier, filters}, KerasWeightLayout::convKernel));
        addBias(params, bias, filters);
        return image(k, layer, in, params);
    }

    /** Keras' BatchNormalization on the channel axis (the last one); center/scale false fix beta = 0 / gamma = 1. */
    MappedLayer batchNormalization(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = new ConfigReader(file, k);
        if (in.flattenedHwc() != null) {
            throw c.error("axis", "a BatchNormalization between Flatten and Dense is not supported "
                    + "(its features are in NHWC order)");
        }
        Object axis = c.raw("axis");
        Object single = axis instanceof List<?> l && l.size() == 1 ? l.get(0) : axis;
        int last = in.isImage() ? 3 : 1;
        if (!(single instanceof Number a) || (a.intValue() != -1 && a.intValue() != last)) {
            throw c.error("axis", "only the channel (last) axis is supported, got " + axis);
        }
        long n = in.isImage() ? in.image().getChannels() : in.features();
        boolean center = c.bool("center", true);
        boolean scale = c.bool("scale", true);
        BatchNormalization.Builder b = new BatchNorm.Builder().name(k.name()).nIn(n).nOut(n)
                .eps(c.number("epsilon", 1e-3)).decay(c.number("momentum", 0.99)).useLogStd(false);
        if (!center && !scale) {
            b.lockGammaBeta(true).gamma(1.0).beta(0.0);
        }
        Layer layer = build(c, b::build);
        List<ParamSource> params = new ArrayList<>();
        if (center || scale) {
            // a locked BatchNormalization has no gamma/beta parameters at all
            params.add(scale ? ParamSource.vector(BatchNormalizationParamInitializer.GAMMA, "gamma", n)
                    : ParamSource.constant(BatchNormalizationParamInitializer.GAMMA, 1.0));
            params.add(center ? ParamSource.vector(BatchNormalizationParamInitializer.BETA, "beta", n)
                    : ParamSource.constant(BatchNormalizationParamInitializer.BETA, 0.0));
        }
        params.add(ParamSource.vector(BatchNormalizationParamInitializer.GLOBAL_MEAN, "moving_mean", n));
        params.add(ParamSource.vector(BatchNormalizationParamInitializer.GLOBAL_VAR, "moving_variance", n));
        return new MappedLayer(k, layer, null, in.pending(), List.of(in.vertex()),
                KerasTensor.of(k.name(), layer.getOutputType(0, in.type())), params);
    }

    private ConfigReader requireImage(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = new ConfigReader(file, k);
        if (!in.isImage()) {
            throw c.error("kernel_size", "expects an image (rank-4 NHWC) input, got " + in.type());
        }
        return c;
    }

    private static MappedLayer image(KerasLayerConfig k, Layer layer, KerasTensor in, List<ParamSource> params) {
        return new MappedLayer(k, layer, null, in.pending(), List.of(in.vertex()),
                KerasTensor.of(k.name(), layer.getOutputType(0, in.type())), params);
    }

    /**
     * What every quantized convolution reads alike: window, activation, input quantizer, pad value, and the
     * quantizer and constraint of its (first) kernel, {@code <kernel>_quantizer} and {@code <kernel>_constraint}.
     */
    private static <T extends QuantizedConvolutionLayer.BaseBuilder<T>> T window(T b, KerasLayerConfig k,
                                                                                  ConfigReader c, ConvolutionOptions o,
                                                                                  String kernel) {
        return b.inputQuantizer(LarqQuantizers.quantizer(c, "input_quantizer", false))
                .kernelQuantizer(LarqQuantizers.quantizer(c, kernel + "_quantizer", true))
                .padValue(padValue(c, o)).name(k.name()).stride(o.strides()).dilation(o.dilation())
                .convolutionMode(o.mode()).activation(KerasActivations.of(c, "activation"))
                .constrainWeights(constraints(c, kernel + "_constraint"));
    }

    private static ParamSource depthwiseKernel(ConvolutionOptions o, long channels, int multiplier) {
        return ParamSource.weight(ParamKeys.KERNEL, "depthwise_kernel",
                new long[]{o.kernel()[0], o.kernel()[1], channels, multiplier}, KerasWeightLayout::depthwiseKernel);
    }

    private static void addBias(List<ParamSource> params, boolean bias, long n) {
        if (bias) {
            params.add(ParamSource.vector(ParamKeys.BIAS, "bias", n));
        }
    }

    /** Larq pads the quantized input with pad_values, and only with padding="same". */
    private static double padValue(ConfigReader c, ConvolutionOptions o) {
        return o.same() ? c.number("pad_values", 0.0) : 0.0;
    }

    private static LayerConstraint[] constraints(ConfigReader c, String field) {
        return LarqQuantizers.constraint(c, field).toArray(new LayerConstraint[0]);
    }

    private interface LayerBuild {
        Layer build();
    }

    /** bnn4j's builders validate; their message (e.g. an unsupported pad value) names the Keras layer here. */
    private static Layer build(ConfigReader c, LayerBuild build) {
        try {
            return build.build();
        } catch (RuntimeException e) {
            if (e instanceof KerasImportException) {
                throw e;
            }
            throw c.error("config", e.getMessage());
        }
    }
}
