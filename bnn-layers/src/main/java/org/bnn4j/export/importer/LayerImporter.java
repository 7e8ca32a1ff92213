package org.bnn4j.export.importer;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.ActivationNode;
import org.bnn4j.export.graph.BatchNormNode;
import org.bnn4j.export.graph.ChannelTransform;
import org.bnn4j.export.graph.GlobalPoolNode;
import org.bnn4j.export.graph.IdentityNode;
import org.bnn4j.export.graph.LinearWeights;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.export.graph.PoolNode;
import org.bnn4j.export.graph.ReshapeNode;
import org.bnn4j.export.graph.TransposeNode;
import org.bnn4j.nn.conf.preprocessor.NhwcToNchwPreProcessor;
import org.bnn4j.export.graph.SourceLayer;
import org.bnn4j.nn.conf.layers.BatchNorm;
import org.bnn4j.nn.conf.layers.ConvolutionGeometry;
import org.bnn4j.nn.conf.layers.InferenceKernel;
import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedDenseLayer;
import org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer;
import org.bnn4j.nn.params.ParamKeys;
import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns one DL4J layer (or preprocessor) into export nodes, reading its trained parameters. bnn4j's quantized layers
 * are matched by base class ({@link QuantizedDenseLayer}, {@link QuantizedConvolutionLayer}, so presets and users'
 * subclasses export alike) and give their inference kernel themselves ({@link
 * org.bnn4j.nn.conf.layers.QuantizedLayer#inferenceKernel}), whatever their quantizer. DL4J's stock layers are
 * matched by exact class: a subclass may compute something else, so an unknown subclass is rejected rather than
 * exported wrongly. The node that computes the layer's output carries the layer's name.
 */
final class LayerImporter {
    private final GraphBuilder graph;

    LayerImporter(GraphBuilder graph) {
        this.graph = graph;
    }

    /** @return the value holding the layer's output */
    String importLayer(String name, int index, Layer conf, Map<String, INDArray> params, String input) {
        String where = "layer '" + name + "' (" + conf.getClass().getSimpleName() + ")";
        InputType in = graph.type(input);
        InputType out = conf.getOutputType(index, in);
        Class<?> type = conf.getClass();
        if (conf instanceof QuantizedDenseLayer b) {
            boolean sign = QuantizerProbe.signInput(b.getInputQuantizer(), where);
            return linear(name, where, b, b.getNIn(), b.getNOut(), input, out, null, 0, 1, sign, b.inferenceKernel(params),
                    bias(b.inferenceBias(params)), b.getActivationFn());
        }
        if (conf instanceof QuantizedSeparableConvolutionLayer s) {
            return separable(name, where, index, s, params, input, out);
        }
        if (conf instanceof QuantizedConvolutionLayer x) {
            InputType.InputTypeConvolutional image = Shapes.image(in, where);
            Window window = window(x.geometry(image.getHeight(), image.getWidth(), index));
            boolean sign = QuantizerProbe.signInput(x.getInputQuantizer(), where);
            return linear(name, where, x, x.getNIn(), x.getNOut(), input, out, window, (int) x.getPadValue(),
                    Math.toIntExact(x.groups()), sign, x.inferenceKernel(params), bias(x.inferenceBias(params)),
                    x.getActivationFn());
        }
        if (type == DenseLayer.class) {
            DenseLayer d = (DenseLayer) conf;
            if (d.isHasLayerNorm()) {
                throw new BnnExportException(where + ": layer normalization is not supported");
            }
            return linear(name, where, d, d.getNIn(), d.getNOut(), input, out, null, 0, 1, false,
                    InferenceKernel.fullPrecision(params), bias(params, d.hasBias()), d.getActivationFn());
        }
        if (type == OutputLayer.class) {
            OutputLayer o = (OutputLayer) conf;
            return linear(name, where, o, o.getNIn(), o.getNOut(), input, out, null, 0, 1, false,
                    InferenceKernel.fullPrecision(params), bias(params, o.hasBias()), o.getActivationFn());
        }
        if (type == ConvolutionLayer.class) {
            ConvolutionLayer c = (ConvolutionLayer) conf;
            requireNchw(c.getCnn2dDataFormat(), where);
            InputType.InputTypeConvolutional image = Shapes.image(in, where);
            Window window = window(geometry(where, c.getConvolutionMode(), c.getKernelSize(), c.getStride(),
                    c.getPadding(), c.getDilation(), image));
            return linear(name, where, c, c.getNIn(), c.getNOut(), input, out, window, 0, 1, false,
                    InferenceKernel.fullPrecision(params), bias(params, c.hasBias()), c.getActivationFn());
        }
        if (type == BatchNormalization.class || type == BatchNorm.class) {
            return batchNorm(name, where, (BatchNormalization) conf, params, input, out);
        }
        if (type == ActivationLayer.class) {
            return activation(name, where, ((ActivationLayer) conf).getActivationFn(), input, out, source(name, conf, 0, 0, 0));
        }
        if (type == SubsamplingLayer.class) {
            return subsampling(name, where, (SubsamplingLayer) conf, input, out);
        }
        if (type == GlobalPoolingLayer.class) {
            return globalPooling(name, where, (GlobalPoolingLayer) conf, input, out);
        }
        if (type == DropoutLayer.class) {
            return graph.add(name, List.of(input), new IdentityNode("dropout, inactive at inference"), out, source(name, conf, 0, 0, 0));
        }
        if (type == LossLayer.class) {
            return activation(name, where, ((LossLayer) conf).getActivationFn(), input, out, source(name, conf, 0, 0, 0));
        }
        throw new BnnExportException(where + ": this layer type is not supported by the exporter. Supported: "
                + "QuantizedDenseLayer, QuantizedConvolutionLayer (and their presets and subclasses), DenseLayer, "
                + "ConvolutionLayer, OutputLayer, LossLayer, "
                + "BatchNormalization (and BatchNorm), ActivationLayer, SubsamplingLayer (max, avg), GlobalPoolingLayer, DropoutLayer");
    }

    /** A DL4J preprocessor in front of layer {@code layer}, as a reshape; returns the value the layer reads. */
    String preprocess(String layer, InputPreProcessor p, String input, String nodeName) {
        if (p == null) {
            return input;
        }
        String where = "preprocessor of layer '" + layer + "' (" + p.getClass().getSimpleName() + ")";
        InputType in = graph.type(input);
        InputType out = p.getOutputType(in);
        if (p instanceof NhwcToNchwPreProcessor) {
            return graph.add(nodeName, List.of(input), new TransposeNode(new int[]{2, 0, 1}), out, List.of());
        }
        if (p instanceof CnnToFeedForwardPreProcessor c) {
            requireNchw(c.getFormat(), where);
        } else if (!(p instanceof FeedForwardToCnnPreProcessor)) {
            throw new BnnExportException(where + ": only CnnToFeedForwardPreProcessor, FeedForwardToCnnPreProcessor "
                    + "and NhwcToNchwPreProcessor are supported");
        }
        ValueShape from = Shapes.of(in, where);
        ValueShape to = Shapes.of(out, where);
        if (from.equals(to) && nodeName.startsWith(layer + "/")) {
            return input; // nothing to do, and nobody refers to it by name
        }
        return graph.add(nodeName, List.of(input), new ReshapeNode(to), out, List.of());
    }

    /**
     * A separable convolution as two nodes: the depthwise stage (groups = nIn, no bias, real output) named
     * {@code name/depthwise}, then the 1x1 pointwise convolution on real values with the bias and the activation.
     */
    private String separable(String name, String where, int index, QuantizedSeparableConvolutionLayer s,
                             Map<String, INDArray> params, String input, InputType out) {
        InputType.InputTypeConvolutional image = Shapes.image(graph.type(input), where);
        ConvolutionGeometry g = s.geometry(image.getHeight(), image.getWidth(), index);
        InputType middle = InputType.convolutional(g.getOutHeight(), g.getOutWidth(), s.kernelChannels());
        boolean sign = QuantizerProbe.signInput(s.getInputQuantizer(), where);
        String depthwise = linear(name + "/depthwise", where, s, s.getNIn(), s.kernelChannels(), input, middle, window(g),
                (int) s.getPadValue(), Math.toIntExact(s.getNIn()), sign, s.inferenceKernel(params), null, null);
        Window pointwise = new Window(1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        return linear(name, where, s, s.kernelChannels(), s.getNOut(), depthwise, out, pointwise, 0, 1, false,
                s.pointwiseInferenceKernel(params), bias(s.inferenceBias(params)), s.getActivationFn());
    }

    /** A quantized layer's inference bias (its bias quantizer applied), or null. */
    private static double[] bias(INDArray inferenceBias) {
        return inferenceBias == null ? null : Params.doubles(inferenceBias);
    }

    private static double[] bias(Map<String, INDArray> params, boolean hasBias) {
        return hasBias ? Params.doubles(params.get(ParamKeys.BIAS)) : null;
    }

    /** A dense or convolution node (then its activation, when it has one) computing {@code name}. */
    private String linear(String name, String where, Layer conf, long nIn, long nOut, String input, InputType out,
                          Window window, int padValue, int groups, boolean signInput, InferenceKernel kernel,
                          double[] bias, IActivation activation) {
        float[] rows = window == null ? Params.denseRows(kernel.values()) : Params.convolutionRows(kernel.values());
        int precision = kernel.precision();
        int outputs = Math.toIntExact(nOut);
        double[] ones = new double[outputs];
        Arrays.fill(ones, 1);
        LinearNode node = new LinearNode(Math.toIntExact(nIn), outputs, window, padValue, signInput,
                new LinearWeights.Quantized(rows, precision, kernel.description()),
                ChannelTransform.linear(ones, bias), null, groups);
        long kernelParams = kernel.values().length();
        List<SourceLayer> sources = source(name, conf, precision == 1 ? kernelParams : 0, precision == 2 ? kernelParams : 0,
                (precision > 2 ? kernelParams : 0) + kernel.parameterCount() + (bias == null ? 0 : bias.length));
        ActivationNode act = activation == null ? null : ActivationMapper.map(activation, where);
        if (act == null) {
            return graph.add(name, List.of(input), node, out, sources);
        }
        String linear = graph.add(name + "/linear", List.of(input), node, out, sources);
        return graph.add(name, List.of(linear), act, out, List.of());
    }

    private String batchNorm(String name, String where, BatchNormalization bn, Map<String, INDArray> params, String input,
                             InputType out) {
        if (graph.type(input) instanceof InputType.InputTypeConvolutional) {
            requireNchw(bn.getCnn2DFormat(), where);
        }
        int n = Math.toIntExact(bn.getNOut());
        double[] gamma = new double[n];
        double[] beta = new double[n];
        if (bn.isLockGammaBeta()) {
            // What DL4J 1.0.0-M2.1 computes: locked gamma/beta are applied only when gamma != 1 and beta != 0.
            boolean applied = bn.getGamma() != 1.0 && bn.getBeta() != 0.0;
            Arrays.fill(gamma, applied ? bn.getGamma() : 1.0);
            Arrays.fill(beta, applied ? bn.getBeta() : 0.0);
        } else {
            gamma = Params.doubles(params.get("gamma"));
            beta = Params.doubles(params.get("beta"));
        }
        double[] mean = Params.doubles(params.get("mean"));
        double[] variance;
        if (bn.isUseLogStd()) {
            double[] log10Std = Params.doubles(params.get("log10stdev"));
            variance = new double[n];
            for (int c = 0; c < n; c++) {
                double std = Math.pow(10, log10Std[c]);
                variance[c] = std * std;
            }
        } else {
            variance = Params.doubles(params.get("var"));
        }
        long count = params.values().stream().mapToLong(INDArray::length).sum();
        return graph.add(name, List.of(input), new BatchNormNode(gamma, beta, mean, variance, bn.getEps()), out,
                source(name, bn, 0, 0, count));
    }

    private String activation(String name, String where, IActivation activation, String input, InputType out,
                              List<SourceLayer> sources) {
        ActivationNode node = ActivationMapper.map(activation, where);
        if (node == null) {
            return graph.add(name, List.of(input), new IdentityNode("identity activation"), out, sources);
        }
        if (node.kind() == org.bnn4j.runtime.format.ActivationKind.SOFTMAX
                && !(graph.type(input) instanceof InputType.InputTypeFeedForward)) {
            throw new BnnExportException(where + ": softmax is only supported on feed-forward (vector) values");
        }
        return graph.add(name, List.of(input), node, out, sources);
    }

    private String subsampling(String name, String where, SubsamplingLayer s, String input, InputType out) {
        requireNchw(s.getCnn2dDataFormat(), where);
        PoolKind kind = switch (s.getPoolingType()) {
            case MAX -> PoolKind.MAX;
            case AVG -> PoolKind.AVG;
            default -> throw new BnnExportException(where + ": pooling type " + s.getPoolingType()
                    + " is not supported (MAX and AVG are)");
        };
        InputType.InputTypeConvolutional image = Shapes.image(graph.type(input), where);
        Window window = window(geometry(where, s.getConvolutionMode(), s.getKernelSize(), s.getStride(), s.getPadding(),
                s.getDilation(), image));
        // DL4J's avgPoolIncludePadInDivisor = true divides by kH*kW; false (the builder's default) by the taps inside.
        boolean divideByValid = kind == PoolKind.AVG && !s.isAvgPoolIncludePadInDivisor();
        return graph.add(name, List.of(input), new PoolNode(kind, window, divideByValid), out, source(name, s, 0, 0, 0));
    }

    private String globalPooling(String name, String where, GlobalPoolingLayer g, String input, InputType out) {
        InputType.InputTypeConvolutional image = Shapes.image(graph.type(input), where);
        int[] dims = g.getPoolingDimensions();
        if (dims != null && !Arrays.equals(dims, new int[]{2, 3})) {
            throw new BnnExportException(where + ": pooling dimensions " + Arrays.toString(dims)
                    + " are not supported; only the spatial dimensions [2, 3]");
        }
        PoolKind kind = switch (g.getPoolingType()) {
            case MAX -> PoolKind.MAX;
            case AVG -> PoolKind.AVG;
            case SUM -> PoolKind.SUM;
            default -> throw new BnnExportException(where + ": pooling type " + g.getPoolingType()
                    + " is not supported (MAX, AVG and SUM are)");
        };
        GlobalPoolNode node = new GlobalPoolNode(kind);
        if (g.isCollapseDimensions()) {
            return graph.add(name, List.of(input), node, out, source(name, g, 0, 0, 0));
        }
        InputType pooled = InputType.feedForward(image.getChannels());
        String pool = graph.add(name + "/pool", List.of(input), node, pooled, source(name, g, 0, 0, 0));
        return graph.add(name, List.of(pool), new ReshapeNode(ValueShape.image(Math.toIntExact(image.getChannels()), 1, 1)),
                out, List.of());
    }

    private static ConvolutionGeometry geometry(String where, org.deeplearning4j.nn.conf.ConvolutionMode mode, int[] kernel,
                                                int[] stride, int[] padding, int[] dilation,
                                                InputType.InputTypeConvolutional image) {
        try {
            return ConvolutionGeometry.of(where, mode, kernel, stride, padding, dilation, image.getHeight(), image.getWidth());
        } catch (IllegalArgumentException e) {
            throw new BnnExportException(e.getMessage(), e);
        }
    }

    private static Window window(ConvolutionGeometry g) {
        int[] k = g.getKernel();
        int[] s = g.getStride();
        int[] d = g.getDilation();
        return new Window(k[0], k[1], s[0], s[1], d[0], d[1], g.getPadTop(), g.getPadBottom(), g.getPadLeft(), g.getPadRight());
    }

    private static void requireNchw(CNN2DFormat format, String where) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw new BnnExportException(where + ": only NCHW (channels first) data is supported, got " + format);
        }
    }

    /** The DL4J layer a node stands for, with its parameters by precision (the summary lists and counts them). */
    private static List<SourceLayer> source(String name, Layer conf, long binary, long ternary, long floats) {
        return List.of(new SourceLayer(name, conf.getClass().getSimpleName(), binary, ternary, floats));
    }
}
