package org.bnn4j.keras;

import org.bnn4j.export.BnnExporter;
import org.bnn4j.runtime.BnnModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.bnn4j.keras.KerasTestModels.config;
import static org.bnn4j.keras.KerasTestModels.input;
import static org.bnn4j.keras.KerasTestModels.quantizer;
import static org.bnn4j.keras.KerasTestModels.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole models of the stock layers around Larq's: BatchNormalization (center/scale off), poolings, Flatten (NHWC
 * order) then Dense, Dropout, Activation, ReLU, Add in a functional model; against Keras' definition.
 */
class StructureImportTest {
    private static final Map<String, Object> STE_SIGN = quantizer("SteSign", "clip_value", 1.0);
    private static final UnaryOperator<INDArray> SIGN = KerasReference.elementwise(KerasReference::sign);
    private static final UnaryOperator<INDArray> FLOAT = w -> w;

    @TempDir
    Path dir;

    @Test
    void sequentialConvBatchNormPoolFlattenDenseMatchesKeras() throws Exception {
        INDArray kernel = uniform(1, 3, 3, 2, 3);
        INDArray bias = uniform(2, 3);
        INDArray gamma = uniform(3, 3).addi(2);
        INDArray mean = uniform(4, 3);
        INDArray var = uniform(5, 3).addi(1.5);
        INDArray dense = uniform(6, 3 * 3 * 3, 4);
        INDArray denseBias = uniform(7, 4);
        Path file = new KerasH5Writer(true)
                .layer("InputLayer", "in", input(6, 6, 2))
                .layer("QuantConv2D", "conv", config("filters", 3, "kernel_size", List.of(3, 3), "padding", "same",
                        "use_bias", true, "kernel_quantizer", STE_SIGN), Map.of("kernel", kernel, "bias", bias))
                .layer("BatchNormalization", "bn", config("axis", List.of(3), "epsilon", 1e-3, "center", false,
                        "scale", true), Map.of("gamma", gamma, "moving_mean", mean, "moving_variance", var))
                .layer("MaxPooling2D", "pool", config("pool_size", List.of(2, 2), "padding", "valid"))
                .layer("Flatten", "flatten", config())
                .layer("Dropout", "dropout", config("rate", 0.3))
                .layer("QuantDense", "dense", config("units", 4, "use_bias", true, "input_quantizer", STE_SIGN,
                        "kernel_quantizer", STE_SIGN), Map.of("kernel", dense, "bias", denseBias))
                .layer("Activation", "softmax", config("activation", "softmax"))
                .write(dir.resolve("seq.h5"));
        INDArray x = uniform(8, 2, 6, 6, 2);
        INDArray h = KerasReference.conv2d(x, kernel, bias, new int[]{1, 1}, new int[]{1, 1}, true, 0, null, SIGN,
                false);
        h = KerasReference.pool(KerasReference.batchNorm(h, gamma, null, mean, var, 1e-3), 2, true);
        INDArray logits = KerasReference.dense(h.reshape('c', 2, 27), dense, denseBias, KerasReference::sign, SIGN);
        INDArray expected = Transforms.softmax(logits, true);

        MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(file);
        assertClose(expected, net.output(x));
        assertClose(expected, BnnKerasImport.importModelAndWeights(file).outputSingle(x));
    }

    @Test
    void functionalAddReluPoolingMatchesKeras() throws Exception {
        INDArray ka = uniform(11, 3, 3, 2, 4);
        INDArray kb = uniform(12, 1, 1, 2, 4);
        INDArray kd = uniform(13, 4, 3);
        INDArray bd = uniform(14, 3);
        Path file = new KerasH5Writer(false)
                .layer("InputLayer", "in", input(4, 4, 2), Map.of(), List.of())
                .layer("Conv2D", "a", config("filters", 4, "kernel_size", List.of(3, 3), "padding", "same",
                        "use_bias", false), Map.of("kernel", ka), List.of("in"))
                .layer("ReLU", "relu", config(), Map.of(), List.of("a"))
                .layer("Conv2D", "b", config("filters", 4, "kernel_size", List.of(1, 1), "use_bias", false),
                        Map.of("kernel", kb), List.of("in"))
                .layer("Add", "add", config(), Map.of(), List.of("relu", "b"))
                .layer("AveragePooling2D", "avg", config("pool_size", List.of(2, 2)), Map.of(), List.of("add"))
                .layer("GlobalAveragePooling2D", "gap", config(), Map.of(), List.of("avg"))
                .layer("Dense", "out", config("units", 3, "use_bias", true), Map.of("kernel", kd, "bias", bd),
                        List.of("gap"))
                .output("out")
                .write(dir.resolve("functional.h5"));
        INDArray x = uniform(15, 3, 4, 4, 2);
        int[] one = {1, 1};
        INDArray a = Transforms.relu(KerasReference.conv2d(x, ka, null, one, one, true, 0, null, FLOAT, false));
        INDArray sum = a.add(KerasReference.conv2d(x, kb, null, one, one, false, 0, null, FLOAT, false));
        INDArray gap = KerasReference.pool(sum, 2, false).mean(1, 2);
        INDArray expected = KerasReference.dense(gap, kd, bd, null, FLOAT);

        ComputationGraph graph = BnnKerasImport.importModelAndWeights(file);
        assertClose(expected, graph.outputSingle(x));
    }

    @Test
    void batchNormWithoutCenterAndScaleIsLocked() throws Exception {
        INDArray mean = uniform(21, 5);
        INDArray var = uniform(22, 5).addi(2);
        Path file = new KerasH5Writer(true)
                .layer("InputLayer", "in", input(5))
                .layer("BatchNormalization", "bn", config("axis", -1, "epsilon", 0.01, "center", false,
                        "scale", false), Map.of("moving_mean", mean, "moving_variance", var))
                .write(dir.resolve("bn.h5"));
        INDArray x = uniform(23, 4, 5);
        MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(file);
        assertEquals(2 * 5, net.numParams(), "mean and variance only");
        assertClose(KerasReference.batchNorm(x, null, null, mean, var, 0.01), net.output(x));
    }

    @Test
    void averagePoolingSameDividesByTheTapsInsideTheImageInDl4jAndTheRuntime() throws Exception {
        Path file = new KerasH5Writer(true)
                .layer("InputLayer", "in", input(7, 5, 2))
                .layer("AveragePooling2D", "avg", config("pool_size", List.of(3, 3), "strides", List.of(2, 2),
                        "padding", "same"))
                .write(dir.resolve("avg.h5"));
        INDArray x = uniform(31, 3, 7, 5, 2);
        INDArray expected = KerasReference.averagePoolSame(x, 3, 2);
        MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(file);
        INDArray out = net.output(x);     // a network ending in a pooling layer outputs NCHW
        assertClose(expected, out.permute(0, 2, 3, 1));

        Path packed = dir.resolve("avg.bnn");
        BnnExporter.export(net, packed);
        try (BnnModel model = BnnModel.load(packed)) {
            for (int i = 0; i < x.size(0); i++) {
                float[] runtime = model.predict(x.get(NDArrayIndex.point(i)).dup('c').reshape(-1).toFloatVector());
                float[] dl4j = out.get(NDArrayIndex.point(i)).dup('c').reshape(-1).toFloatVector();
                assertArrayEquals(dl4j, runtime, 1e-6f, "example " + i);
            }
        }
    }

    private static void assertClose(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        double maxError = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber()
                .doubleValue();
        assertTrue(maxError < 1e-4, "max |error| " + maxError);
    }
}
