package org.bnn4j.tests;

import org.bnn4j.export.BnnExporter;
import org.bnn4j.export.BnnSummary;
import org.bnn4j.export.ExportedModel;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.tests.testutil.Data;
import org.bnn4j.tests.testutil.RuntimeVsDl4j;
import org.bnn4j.zoo.BiRealNet18;
import org.bnn4j.zoo.QuickNet;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ImageNet-size zoo models, exported to the packed format and run by the runtime: on small inputs (3x32x32, 4
 * classes), briefly trained, every example's class, output and intermediate values agree with DL4J's (binary
 * activations bit for bit), as for XNOR-ResNet20; at their real size (3x224x224, 1000 classes) the exported file
 * holds the binary kernels as bits and one image gives DL4J's output.
 */
class ImageNetZooEquivalenceTest {
    private static final int SIZE = 32;
    /** Test examples of the small models (DL4J keeps every layer's activations of the whole batch). */
    private static final int EXAMPLES = 100;
    /** Bi-Real Net-18's 16 binary 3x3 kernels (same widths as ResNet-18's). */
    private static final long BIREALNET_BINARY = 9L * (4 * 64 * 64 + 64 * 128 + 3 * 128 * 128 + 128 * 256
            + 3 * 256 * 256 + 256 * 512 + 3 * 512 * 512);
    /** QuickNet's 16 binary 3x3 kernels: every block keeps its section's width. */
    private static final long QUICKNET_BINARY = 9L * 4 * (64 * 64 + 128 * 128 + 256 * 256 + 512 * 512);

    private static ComputationGraph small(String model, boolean fullPrecision) {
        int[] shape = {3, SIZE, SIZE};
        return switch (model) {
            case "birealnet18" -> BiRealNet18.builder().inputShape(shape).numClasses(4).fullPrecision(fullPrecision)
                    .seed(21).build().init();
            case "quicknet" -> QuickNet.builder().inputShape(shape).numClasses(4).fullPrecision(fullPrecision)
                    .seed(22).build().init();
            default -> throw new IllegalArgumentException(model);
        };
    }

    @ParameterizedTest(name = "{0} fullPrecision={1}")
    @CsvSource({"birealnet18, false", "birealnet18, true", "quicknet, false", "quicknet, true"})
    void smallModelAgreesWithDl4j(String model, boolean fullPrecision) throws Exception {
        ComputationGraph net = small(model, fullPrecision);
        Data.train(net, Data.images(128, 3, SIZE, 1), 1);
        RuntimeVsDl4j.Report r = RuntimeVsDl4j.compare(net, InputType.convolutional(SIZE, SIZE, 3),
                Data.images(EXAMPLES, 3, SIZE, 2).getFeatures());
        System.out.println(model + (fullPrecision ? "-fp" : "") + ": " + r);
        r.assertAgrees();
        r.model().close();
        BnnSummary s = r.exported().summary();
        if (fullPrecision) {
            assertEquals(0, s.binaryParams(), s.toString());
        } else {
            assertTrue(r.bitsCompared() > 0, "binary convolution inputs are compared bit by bit: " + r);
            assertEquals(model.equals("quicknet") ? QUICKNET_BINARY : BIREALNET_BINARY, s.binaryParams(), s.toString());
        }
    }

    /** The real thing: one 224x224 image through DL4J and through the packed runtime. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"birealnet18", "quicknet"})
    void imageNetSizeModelExportsAndAgreesOnOneImage(String model) throws Exception {
        ComputationGraph net = model.equals("quicknet") ? QuickNet.builder().seed(23).build().init()
                : BiRealNet18.builder().seed(24).build().init();
        ExportedModel exported = BnnExporter.convert(net, InputType.convolutional(224, 224, 3));
        BnnSummary s = exported.summary();
        long binary = model.equals("quicknet") ? QUICKNET_BINARY : BIREALNET_BINARY;
        assertEquals(binary, s.binaryParams(), s.toString());
        assertTrue(s.binaryMacShare() > 0.8, "most multiply-accumulates are binary: " + s.binaryMacShare());
        assertTrue(s.packedBytes() < net.numParams() * 4 / 6,
                "packed " + s.packedBytes() + " bytes vs float32 " + net.numParams() * 4);
        Nd4j.getRandom().setSeed(25);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224).subi(0.5).muli(2);
        float[] expected = RuntimeVsDl4j.row(net.outputSingle(false, x), 0);
        try (BnnModel runtime = BnnModel.load(exported.bytes())) {
            float[] actual = runtime.predict(RuntimeVsDl4j.row(x, 0));
            assertEquals(1000, actual.length);
            double maxError = 0;
            for (int k = 0; k < expected.length; k++) {
                maxError = Math.max(maxError, Math.abs(expected[k] - actual[k]));
            }
            System.out.printf("%s 224x224: packed %d bytes, max output error %.2e%n", model, s.packedBytes(), maxError);
            assertTrue(maxError <= RuntimeVsDl4j.OUTPUT_TOLERANCE, "max output error " + maxError);
            assertEquals(RuntimeVsDl4j.argMax(expected), RuntimeVsDl4j.argMax(actual));
        }
    }
}
