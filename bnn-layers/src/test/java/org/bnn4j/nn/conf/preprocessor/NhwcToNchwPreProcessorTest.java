package org.bnn4j.nn.conf.preprocessor;

import org.bnn4j.export.BnnExporter;
import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.runtime.BnnModel;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Channels-last input: the same results as the NCHW network fed permuted data, in training, JSON and the runtime. */
class NhwcToNchwPreProcessorTest {

    private static MultiLayerConfiguration conf(boolean channelsLast) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new QuantizedConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .kernelQuantizer(new SteSign()).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build());
        if (channelsLast) {
            return list.inputPreProcessor(0, new NhwcToNchwPreProcessor(5, 6, 3))
                    .setInputType(InputType.convolutional(5, 6, 3, CNN2DFormat.NHWC)).build();
        }
        return list.setInputType(InputType.convolutional(5, 6, 3)).build();
    }

    @Test
    void channelsLastNetworkEqualsTheNchwOneOnPermutedInput(@TempDir Path dir) throws Exception {
        MultiLayerNetwork nhwc = new MultiLayerNetwork(conf(true));
        nhwc.init();
        MultiLayerNetwork nchw = new MultiLayerNetwork(conf(false));
        nchw.init();
        nchw.setParams(nhwc.params());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 6, 3);
        INDArray permuted = x.permute(0, 3, 1, 2).dup('c');
        assertEquals(nchw.output(permuted), nhwc.output(x));
        // gradients flow back through the permutation: one training step keeps both networks equal
        INDArray labels = Nd4j.rand(DataType.FLOAT, 2, 4);
        nhwc.fit(x, labels);
        nchw.fit(permuted, labels);
        assertEquals(nchw.params(), nhwc.params());
        assertEquals(conf(true), MultiLayerConfiguration.fromJson(conf(true).toJson()));

        Path file = dir.resolve("nhwc.bnn");
        BnnExporter.export(nhwc, file);
        try (BnnModel model = BnnModel.load(file)) {
            assertArrayEquals(new int[]{5, 6, 3}, model.inputShape());
            float[] out = model.predict(x.slice(0).dup('c').data().asFloat());
            assertArrayEquals(nhwc.output(x).slice(0).toFloatVector(), out, 1e-5f);
        }
    }
}
