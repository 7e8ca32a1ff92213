package org.bnn4j.tests;

import org.bnn4j.export.BnnExporter;
import org.bnn4j.export.BnnSummary;
import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.runtime.BnnModel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The summary promises what the file delivers: the exported file's size is the summary's packed size plus the
 * format's structure, and the packed size is what the layer shapes say it must be.
 */
class SummaryAndFileSizeTest {

    @Test
    void fileSizeMatchesTheSummary(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new BinaryDenseLayer.Builder().nOut(256).name("dense0").build())
                .layer(new BatchNormalization.Builder().name("bn0").build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign0").build())
                .layer(new BinaryDenseLayer.Builder().nOut(256).inputQuantizer(new SteSign()).name("dense1").build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new ActivationLayer.Builder().activation(new ActivationSteSign()).name("sign1").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.feedForward(784))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path file = dir.resolve("mlp.bnn");
        BnnSummary s = BnnExporter.export(net, file);
        System.out.println(s);

        assertEquals(Files.size(file), s.fileBytes(), "the summary's file size is the real one");
        long firstLayer = 256L * 13 * 8 + 256 * 4 + 4 * 8;   // 784 inputs -> 13 words per row; float thresholds; flips
        long secondLayer = 256L * 4 * 8 + 256 * 4 + 4 * 8;   // 256 inputs -> 4 words; int thresholds; flips
        long output = 10L * 256 * 4 + 2 * 10 * 4;            // float32 weights; affine mul and add
        assertEquals(firstLayer + secondLayer + output, s.packedBytes());
        long structure = s.fileBytes() - s.packedBytes();
        assertTrue(structure > 0 && structure < 400, "header, op records and tensor headers: " + structure + " bytes");

        long dl4jParams = net.numParams();
        assertEquals(dl4jParams, s.params(), "every DL4J parameter is accounted for");
        assertEquals(784L * 256 + 256L * 256, s.binaryParams());
        assertEquals(4 * dl4jParams, s.float32Bytes());
        assertTrue(s.compressionRatio() > 12, "ratio " + s.compressionRatio());
        assertEquals(256L * 256, s.binaryMacs(), "only the sign-input layer runs on XNOR/popcount");
        assertEquals(784L * 256 + 256 * 10, s.floatMacs());
        assertTrue(s.toString().contains("sign0") && s.toString().contains("dense0 + bn0 + sign0"), s.toString());

        BnnModel model = BnnModel.load(file);
        assertEquals(10, model.outputSize());
    }
}
