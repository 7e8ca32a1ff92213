package org.bnn4j.examples.bench;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.zoo.XnorResNet20;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Training step time (forward, backward, Adam update) of bnn4j's layers against stock DL4J layers of the same
 * shape, and of XNOR-ResNet20 against the same network built from stock DL4J layers, with an epoch extrapolated
 * from a fixed number of steps (a stock-layer epoch takes hours here).
 */
final class TrainingBench {
    /** CIFAR-10's 50,000 training images at batch 64. */
    private static final int STEPS_PER_EPOCH = (50_000 + 63) / 64;

    private TrainingBench() {
    }

    static List<Table> run(BenchContext ctx) {
        return List.of(layers(ctx), resnet(ctx));
    }

    private static Table layers(BenchContext ctx) {
        Table t = new Table("Training step of one layer type (ms, median)", "layer", "stack", "ms / step",
                "time vs stock DL4J", "speed-up vs stock DL4J");
        int warmup = ctx.quick() ? 2 : 3;
        int samples = ctx.quick() ? 3 : 7;

        int width = ctx.quick() ? 1024 : 2048;
        int batch = 100;
        DataSet dense = data(batch, new long[]{batch, width});
        String denseShape = "2 x " + width + " units, batch " + batch;
        Measure.Timing[] d = Measure.calls(warmup, samples,
                fit(denseNet(width, i -> new DenseLayer.Builder().nOut(width).activation(Activation.IDENTITY).build()), dense),
                fit(denseNet(width, i -> new BinaryDenseLayer.Builder().nOut(width).kernelQuantizer(new SteSign()).build()), dense),
                fit(denseNet(width, i -> new BinaryDenseLayer.Builder().nOut(width).inputQuantizer(new SteSign()).build()), dense));
        double stockDense = d[0].medianMillis();
        row(t, "DL4J DenseLayer", denseShape, null, stockDense);
        row(t, "BinaryDenseLayer (SteSign kernel, as in BinaryNetMlp)", denseShape, stockDense, d[1].medianMillis());
        row(t, "BinaryDenseLayer (SteSign kernel and input)", denseShape, stockDense, d[2].medianMillis());
        ctx.targets().atMost("BinaryDense training step / stock DenseLayer", d[1].medianMillis() / stockDense, 1.3, "x");

        int channels = 16;
        int size = 32;
        int convBatch = 64;
        DataSet images = data(convBatch, new long[]{convBatch, channels, size, size});
        String convShape = "4 x 3x3, " + channels + " ch " + size + "x" + size + ", batch " + convBatch;
        Measure.Timing[] c = Measure.calls(warmup, samples,
                fit(convNet(channels, size, i -> new ConvolutionLayer.Builder(3, 3).nOut(channels)
                        .activation(Activation.IDENTITY).build()), images),
                fit(convNet(channels, size, i -> new XnorConvolutionLayer.Builder(3, 3).nOut(channels)
                        .inputQuantizer(new Identity()).kernelQuantizer(new Identity()).build()), images),
                fit(convNet(channels, size, i -> new XnorConvolutionLayer.Builder(3, 3).nOut(channels).build()), images),
                fit(convNet(channels, size, i -> new TernaryConvolutionLayer.Builder(3, 3).nOut(channels).build()), images));
        double stockConv = c[0].medianMillis();
        row(t, "DL4J ConvolutionLayer", convShape, null, stockConv);
        row(t, "XnorConvolutionLayer, Identity quantizers (float twin)", convShape, stockConv, c[1].medianMillis());
        row(t, "XnorConvolutionLayer (SteSign input, MagnitudeAwareSign kernel)", convShape, stockConv, c[2].medianMillis());
        row(t, "TernaryConvolutionLayer (TTQ)", convShape, stockConv, c[3].medianMillis());
        ctx.targets().atLeast("XnorConvolutionLayer training speed-up vs stock ConvolutionLayer", stockConv / c[2].medianMillis(), 5, "x");
        ctx.targets().atLeast("TernaryConvolutionLayer training speed-up vs stock ConvolutionLayer", stockConv / c[3].medianMillis(), 5, "x");
        t.note("Each network: the stack of layers, then (conv) global average pooling, and a 10-way softmax output; "
                + "Adam; random data. Warm-up " + warmup + " steps each, then " + samples
                + " steps each, interleaved network by network; medians.");
        return t;
    }

    private static Table resnet(BenchContext ctx) {
        Table t = new Table("ResNet20 training, CIFAR-sized input, batch 64", "network", "ms / step",
                "epoch (" + STEPS_PER_EPOCH + " steps, extrapolated)", "vs stock DL4J layers");
        int samples = ctx.quick() ? 1 : 3;
        DataSet data = data(64, new long[]{64, 3, 32, 32});
        ComputationGraph stockNet = new ComputationGraph(StockLayers.of(XnorResNet20.builder().fullPrecision(true).build().conf()));
        stockNet.init();
        ComputationGraph twin = XnorResNet20.builder().fullPrecision(true).build().init();
        ComputationGraph xnorNet = XnorResNet20.builder().build().init();
        Measure.Timing[] r = Measure.calls(1, samples, () -> stockNet.fit(data), () -> twin.fit(data), () -> xnorNet.fit(data));
        double stock = r[0].medianMillis();
        resnetRow(t, "ResNet20, stock DL4J ConvolutionLayer (float)", null, stock);
        resnetRow(t, "ResNet20 float twin, bnn4j native-op convolutions", stock, r[1].medianMillis());
        resnetRow(t, "XNOR-ResNet20 (bnn4j)", stock, r[2].medianMillis());
        ctx.targets().atLeast("XNOR-ResNet20 training epoch vs the same network from stock DL4J layers",
                stock / r[2].medianMillis(), 5, "x");
        t.note("Epochs are extrapolated: 1 warm-up step each, then " + samples + " timed steps each (interleaved), "
                + "median times " + STEPS_PER_EPOCH + " (CIFAR-10 at batch 64). Random data.");
        return t;
    }

    private static void resnetRow(Table t, String name, Double stock, double ms) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("network", name);
        raw.put("msPerStep", ms);
        raw.put("epochMinutesExtrapolated", ms * STEPS_PER_EPOCH / 60000);
        raw.put("speedupVsStock", stock == null ? 1.0 : stock / ms);
        t.row(raw, name, Table.ms(ms), String.format("%.1f min", ms * STEPS_PER_EPOCH / 60000),
                stock == null ? "1.00x" : Table.ratio(stock / ms));
        System.out.printf("  %s: %.1f ms per step%n", name, ms);
    }

    private static Runnable fit(MultiLayerNetwork net, DataSet data) {
        return () -> net.fit(data);
    }

    private static void row(Table t, String layer, String stack, Double stock, double ms) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("layer", layer);
        raw.put("stack", stack);
        raw.put("msPerStep", ms);
        raw.put("relativeToStock", stock == null ? 1.0 : ms / stock);
        t.row(raw, layer, stack, Table.ms(ms), Table.ratio(stock == null ? 1 : ms / stock),
                Table.ratio(stock == null ? 1 : stock / ms));
        System.out.printf("  %s: %.1f ms per step%n", layer, ms);
    }

    private static DataSet data(int batch, long[] shape) {
        Nd4j.getRandom().setSeed(3);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, i % 10, 1);
        }
        return new DataSet(Nd4j.rand(DataType.FLOAT, shape).subi(0.5), labels);
    }

    private static MultiLayerNetwork denseNet(int width, IntFunction<Layer> layer) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).list();
        for (int i = 0; i < 2; i++) {
            b.layer(layer.apply(i));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(10).activation(Activation.SOFTMAX).build()).setInputType(InputType.feedForward(width)).build());
        net.init();
        return net;
    }

    private static MultiLayerNetwork convNet(int channels, int size, IntFunction<Layer> conv) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .convolutionMode(ConvolutionMode.Same).list();
        for (int i = 0; i < 4; i++) {
            b.layer(conv.apply(i));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(size, size, channels)).build());
        net.init();
        return net;
    }
}
