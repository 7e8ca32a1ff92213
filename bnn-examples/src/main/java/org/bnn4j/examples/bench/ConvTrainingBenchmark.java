package org.bnn4j.examples.bench;

import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/**
 * Training step time of a stack of convolutions built three ways, measured side by side in one run:
 * DL4J's stock {@code ConvolutionLayer}, bnn4j's {@code XnorConvolutionLayer} with Identity quantizers
 * (the full-precision twin) and the binarized {@code XnorConvolutionLayer}. Prints medians and ratios.
 */
@Command(name = "bench-conv", mixinStandardHelpOptions = true,
        description = "Training step of XnorConvolutionLayer vs DL4J's stock ConvolutionLayer (ratios from one run).")
public class ConvTrainingBenchmark implements Callable<Integer> {

    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--channels", defaultValue = "16") int channels;
    @Option(names = "--size", defaultValue = "32") int size;
    @Option(names = "--layers", defaultValue = "4") int layers;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--iterations", defaultValue = "10") int iterations;

    @Override
    public Integer call() {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) labels.putScalar(i, i % 10, 1);
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, batch, channels, size, size).subi(0.5), labels);
        System.out.printf("Training step, %d conv layers %dx%dx%d (3x3, same), batch %d, median of %d after %d warm-up%n",
                layers, channels, size, size, batch, iterations, warmup);

        double stock = median(net(i -> new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(Activation.IDENTITY).build()), data);
        double twin = median(net(i -> new XnorConvolutionLayer.Builder(3, 3).nOut(channels)
                .inputQuantizer(new Identity()).kernelQuantizer(new Identity()).build()), data);
        double binary = median(net(i -> new XnorConvolutionLayer.Builder(3, 3).nOut(channels)
                .inputQuantizer(i == 0 ? null : new org.bnn4j.nn.quantizers.SteSign()).build()), data);

        System.out.println();
        System.out.println("| layer | ms / step | speed-up vs stock |");
        System.out.println("|---|---:|---:|");
        System.out.printf("| DL4J ConvolutionLayer | %.1f | 1.0x |%n", stock);
        System.out.printf("| XnorConvolutionLayer, Identity quantizers (float twin) | %.1f | %.1fx |%n", twin, stock / twin);
        System.out.printf("| XnorConvolutionLayer, binary (SteSign / MagnitudeAwareSign) | %.1f | %.1fx |%n", binary, stock / binary);
        return 0;
    }

    private MultiLayerNetwork net(IntFunction<Layer> conv) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same).list();
        for (int i = 0; i < layers; i++) {
            b.layer(conv.apply(i));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(size, size, channels)).build());
        net.init();
        return net;
    }

    private double median(MultiLayerNetwork net, DataSet data) {
        for (int i = 0; i < warmup; i++) net.fit(data);
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            net.fit(data);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[iterations / 2];
    }

}
