package org.bnn4j.keras;

import org.bnn4j.nn.conf.preprocessor.NhwcToNchwPreProcessor;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.Activation;

import java.util.List;

/**
 * Keras layers without weights: InputLayer, Flatten, Reshape (to a vector), MaxPooling2D, AveragePooling2D,
 * GlobalAveragePooling2D, GlobalMaxPooling2D, Activation, ReLU, Dropout and Add.
 *
 * <p>An image input (rank 3 per example) is taken channels-last, [N, H, W, C] as in Keras, and turned to NCHW by an
 * {@link NhwcToNchwPreProcessor} on the layer that reads it. An input of any other rank is taken as the vector of
 * its elements in row-major order (a Keras [28, 28] input: a 784-vector), which is what Keras' Flatten sees.
 *
 * <pre>{@code
 * KerasTensor input = new StructuralLayerMapper(file).input(layer).output();
 * }</pre>
 */
final class StructuralLayerMapper {
    private final String file;

    StructuralLayerMapper(String file) {
        this.file = file;
    }

    MappedLayer input(KerasLayerConfig k) {
        ConfigReader c = new ConfigReader(file, k);
        String field = c.has("batch_input_shape") ? "batch_input_shape" : "batch_shape";
        List<Integer> shape = c.shape(field, true);
        KerasTensor out;
        if (shape.size() == 3) {
            out = new KerasTensor(k.name(), InputType.convolutional(shape.get(0), shape.get(1), shape.get(2)), null,
                    new NhwcToNchwPreProcessor(shape.get(0), shape.get(1), shape.get(2)));
        } else {
            out = KerasTensor.of(k.name(), InputType.feedForward(shape.stream().mapToLong(Integer::longValue)
                    .reduce(1, (a, b) -> a * b)));
        }
        return MappedLayer.passThrough(k, out);
    }

    /** The network input's type as DL4J's configuration builders take it. */
    static InputType networkInputType(KerasTensor input) {
        if (input.isImage()) {
            InputType.InputTypeConvolutional i = input.image();
            return InputType.convolutional(i.getHeight(), i.getWidth(), i.getChannels(), CNN2DFormat.NHWC);
        }
        return input.type();
    }

    /**
     * No DL4J layer: the next layer flattens (DL4J's CnnToFeedForward, in NCHW order), and a Dense after it gets its
     * kernel rows reordered to match Keras' NHWC order.
     */
    MappedLayer flatten(KerasLayerConfig k, KerasTensor in) {
        if (!in.isImage()) {
            return MappedLayer.passThrough(k, in);
        }
        requireNoPending(k, in);
        InputType.InputTypeConvolutional i = in.image();
        return MappedLayer.passThrough(k, new KerasTensor(in.vertex(), InputType.feedForward(in.features()),
                new long[]{i.getHeight(), i.getWidth(), i.getChannels()},
                new CnnToFeedForwardPreProcessor(i.getHeight(), i.getWidth(), i.getChannels())));
    }

    /** Only a reshape to a vector (a Flatten) is supported. */
    MappedLayer reshape(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = new ConfigReader(file, k);
        List<Integer> target = c.shape("target_shape", false);
        if (target.size() != 1 || target.get(0) != in.features()) {
            throw c.error("target_shape", "only a reshape to a vector of all " + in.features()
                    + " elements is supported, got " + target);
        }
        return flatten(k, in);
    }

    MappedLayer pooling(KerasLayerConfig k, KerasTensor in, PoolingType type) {
        ConfigReader c = imageInput(k, in);
        ConvolutionOptions o = ConvolutionOptions.read(c, "pool_size", true);
        Layer layer = new SubsamplingLayer.Builder(type).name(k.name()).kernelSize(o.kernel()).stride(o.strides())
                .convolutionMode(o.mode()).avgPoolIncludePadInDivisor(false).build();
        return layer(k, layer, in);
    }

    MappedLayer globalPooling(KerasLayerConfig k, KerasTensor in, PoolingType type) {
        ConfigReader c = imageInput(k, in);
        if (c.bool("keepdims", false)) {
            throw c.error("keepdims", "only keepdims=false is supported");
        }
        return layer(k, new GlobalPoolingLayer.Builder(type).name(k.name()).build(), in);
    }

    MappedLayer activation(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = new ConfigReader(file, k);
        return elementwise(k, new ActivationLayer.Builder().name(k.name())
                .activation(KerasActivations.of(c, "activation")).build(), in);
    }

    /** Keras' ReLU layer with its defaults (no max_value, slope or threshold). */
    MappedLayer relu(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = new ConfigReader(file, k);
        if (c.has("max_value")) {
            throw c.error("max_value", "ReLU with a max_value is not supported");
        }
        for (String field : new String[]{"negative_slope", "threshold"}) {
            if (c.number(field, 0) != 0) {
                throw c.error(field, "ReLU with a nonzero " + field + " is not supported");
            }
        }
        return elementwise(k, new ActivationLayer.Builder().name(k.name()).activation(Activation.RELU).build(), in);
    }

    MappedLayer dropout(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = new ConfigReader(file, k);
        double rate = c.number("rate", 0);
        if (rate < 0 || rate >= 1) {
            throw c.error("rate", "expected a rate in [0, 1), got " + rate);
        }
        if (rate == 0) {
            return MappedLayer.passThrough(k, in);
        }
        // DL4J's dropout takes the probability of keeping a value
        return elementwise(k, new DropoutLayer.Builder(1 - rate).name(k.name()).build(), in);
    }

    MappedLayer add(KerasLayerConfig k, List<KerasTensor> in) {
        ConfigReader c = new ConfigReader(file, k);
        if (in.size() < 2) {
            throw c.error("inbound_nodes", "Add needs at least two inputs, got " + in.size());
        }
        for (KerasTensor t : in) {
            requireNoPending(k, t);
            if (!t.type().equals(in.get(0).type())) {
                throw c.error("inbound_nodes", "inputs of different shapes: " + in.get(0).type() + " and " + t.type());
            }
        }
        return new MappedLayer(k, null, new ElementWiseVertex(ElementWiseVertex.Op.Add), null,
                in.stream().map(KerasTensor::vertex).toList(), KerasTensor.of(k.name(), in.get(0).type()), List.of());
    }

    /** Elementwise layers keep the Flatten order of their input, so a Dense after them still reorders. */
    private static MappedLayer elementwise(KerasLayerConfig k, Layer layer, KerasTensor in) {
        return new MappedLayer(k, layer, null, in.pending(), List.of(in.vertex()),
                new KerasTensor(k.name(), in.type(), in.flattenedHwc(), null), List.of());
    }

    private static MappedLayer layer(KerasLayerConfig k, Layer layer, KerasTensor in) {
        return new MappedLayer(k, layer, null, in.pending(), List.of(in.vertex()),
                KerasTensor.of(k.name(), layer.getOutputType(0, in.type())), List.of());
    }

    private ConfigReader imageInput(KerasLayerConfig k, KerasTensor in) {
        ConfigReader c = new ConfigReader(file, k);
        if (!in.isImage()) {
            throw c.error("pool_size", "expects an image (rank-4 NHWC) input, got " + in.type());
        }
        return c;
    }

    private void requireNoPending(KerasLayerConfig k, KerasTensor in) {
        if (in.pending() != null) {
            throw new KerasImportException(file + ": " + k.describe() + " reading the network input or a Flatten "
                    + "directly is not supported; put a weighted or elementwise layer first");
        }
    }
}
