package org.bnn4j.keras;

import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedDenseLayer;
import org.bnn4j.nn.constraints.WeightClipConstraint;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.bnn4j.keras.KerasTestModels.config;
import static org.bnn4j.keras.KerasTestModels.input;
import static org.bnn4j.keras.KerasTestModels.quantizer;
import static org.bnn4j.keras.KerasTestModels.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the imported configuration holds: quantizer parameters, NoOp, weight_clip and no constraint, the latent
 * (not quantized) kernels in bnn4j's layout, the TF 2.13+ keys, GlobalMaxPooling2D and Reshape.
 */
class MappingDetailsTest {
    @TempDir
    Path dir;

    @Test
    void quantizersConstraintsAndLatentKernelsAreKept() throws Exception {
        INDArray conv = uniform(1, 2, 2, 3, 4);
        INDArray dense = uniform(2, 4, 2);
        Map<String, Object> steSign = quantizer("SteSign", "clip_value", 2.0);
        // TF 2.13+ spelling: module and registered_name beside class_name
        steSign.put("module", "larq.quantizers");
        steSign.put("registered_name", "SteSign");
        Path file = new KerasH5Writer(true)
                .layer("InputLayer", "in", input(3, 3, 3))
                .layer("QuantConv2D", "conv", config("filters", 4, "kernel_size", List.of(2, 2), "use_bias", false,
                        "input_quantizer", quantizer("NoOp"), "kernel_quantizer", quantizer("SteTern",
                                "threshold_value", 0.25, "clip_value", 1.0),
                        "kernel_constraint", config("class_name", "weight_clip", "config", config("clip_value", 0.5))),
                        Map.of("kernel", conv))
                .layer("GlobalMaxPooling2D", "gmp", config())
                .layer("Reshape", "reshape", config("target_shape", List.of(4)))
                .layer("QuantDense", "dense", config("units", 2, "use_bias", false, "input_quantizer", steSign),
                        Map.of("kernel", dense))
                .write(dir.resolve("details.h5"));
        MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(file);

        QuantizedConvolutionLayer c = (QuantizedConvolutionLayer) net.getLayer("conv").conf().getLayer();
        assertNull(c.getInputQuantizer(), "NoOp on an input: real input");
        assertEquals(new SteTernary(-0.25f, Math.nextDown(0.25f), 1.0), c.getKernelQuantizer());
        assertEquals(1, c.getConstraints().size());
        WeightClipConstraint clip = (WeightClipConstraint) c.getConstraints().get(0);
        assertEquals(-0.5, clip.getMin());
        assertEquals(0.5, clip.getMax());
        assertEquals(KerasWeightLayout.convKernel(conv), net.getLayer("conv").getParam("W"), "latent weights");

        QuantizedDenseLayer d = (QuantizedDenseLayer) net.getLayer("dense").conf().getLayer();
        assertEquals(new SteSign(2.0), d.getInputQuantizer());
        assertEquals(new Identity(), d.getKernelQuantizer());
        assertTrue(d.getConstraints() == null || d.getConstraints().isEmpty(), "no constraint in Keras: none");

        // global max over each channel of the NHWC input's convolution, then the dense layer
        INDArray x = uniform(3, 1, 3, 3, 3);
        INDArray h = KerasReference.conv2d(x, conv, null, new int[]{1, 1}, new int[]{1, 1}, false, 0, null,
                KerasReference.elementwise(v -> KerasReference.tern(v, 0.25f)), false).max(1, 2);
        INDArray expected = KerasReference.dense(h, dense, null, KerasReference::sign, w -> w);
        assertArrayEquals(expected.toDoubleMatrix()[0], net.output(x).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .toDoubleMatrix()[0], 1e-5);
    }
}
