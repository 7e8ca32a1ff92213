package org.bnn4j.keras;

import org.deeplearning4j.nn.conf.layers.PoolingType;

import java.util.List;

/**
 * Picks the mapping of each Keras layer class; anything else fails with a message naming the layer, its class and
 * the supported classes. It reads configurations only, so an unsupported layer fails before any weight is read.
 *
 * <pre>{@code
 * MappedLayer m = new KerasLayerMapper("model.h5").map(layer, inputs);
 * }</pre>
 */
final class KerasLayerMapper {
    static final String SUPPORTED = "InputLayer, QuantDense, QuantConv2D, QuantDepthwiseConv2D, QuantSeparableConv2D, "
            + "Dense, Conv2D, DepthwiseConv2D, SeparableConv2D, BatchNormalization, MaxPooling2D, AveragePooling2D, "
            + "GlobalAveragePooling2D, GlobalMaxPooling2D, Flatten, Reshape (to a vector), Dropout, Activation, ReLU, Add";

    private final String file;
    private final WeightedLayerMapper weighted;
    private final StructuralLayerMapper structural;

    KerasLayerMapper(String file) {
        this.file = file;
        this.weighted = new WeightedLayerMapper(file);
        this.structural = new StructuralLayerMapper(file);
    }

    MappedLayer map(KerasLayerConfig k, List<KerasTensor> in) {
        return switch (k.className()) {
            case "InputLayer" -> structural.input(k);
            case "Add" -> structural.add(k, in);
            case "QuantDense", "Dense" -> weighted.dense(k, one(k, in));
            case "QuantConv2D", "Conv2D" -> weighted.convolution(k, one(k, in));
            case "QuantDepthwiseConv2D", "DepthwiseConv2D" -> weighted.depthwise(k, one(k, in));
            case "QuantSeparableConv2D", "SeparableConv2D" -> weighted.separable(k, one(k, in));
            case "BatchNormalization" -> weighted.batchNormalization(k, one(k, in));
            case "MaxPooling2D" -> structural.pooling(k, one(k, in), PoolingType.MAX);
            case "AveragePooling2D" -> structural.pooling(k, one(k, in), PoolingType.AVG);
            case "GlobalAveragePooling2D" -> structural.globalPooling(k, one(k, in), PoolingType.AVG);
            case "GlobalMaxPooling2D" -> structural.globalPooling(k, one(k, in), PoolingType.MAX);
            case "Flatten" -> structural.flatten(k, one(k, in));
            case "Reshape" -> structural.reshape(k, one(k, in));
            case "Activation" -> structural.activation(k, one(k, in));
            case "ReLU" -> structural.relu(k, one(k, in));
            case "Dropout" -> structural.dropout(k, one(k, in));
            default -> throw new KerasImportException(file + ": " + k.describe() + " is not supported; supported "
                    + "layers: " + SUPPORTED + " (Larq quantizers: " + LarqQuantizers.SUPPORTED + ")");
        };
    }

    private KerasTensor one(KerasLayerConfig k, List<KerasTensor> in) {
        if (in.size() != 1) {
            throw new KerasImportException(file + ": " + k.describe() + " must have exactly one input, got "
                    + in.size());
        }
        return in.get(0);
    }
}
