package org.bnn4j.examples.bench;

import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.zoo.TtqResNet20;
import org.bytedeco.javacpp.Pointer;
import org.bnn4j.zoo.XnorResNet20;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child JVM of the training-memory benchmark: trains one ResNet-20 variant for a number of steps at a given
 * batch and input shape, on batches made fresh each step as a data iterator makes them, ends the epoch as the trainer
 * does (validation of 5,000 images through {@link NetworkAdapter#validate}, a saved model), and prints one line: resident set after warm-up, at the end, and its peak (VmHWM). Run by
 * {@link TrainingMemoryBench} with the launcher's JVM options, one process per network.
 *
 * <pre>
 * java @memory-jvm.options -cp ... org.bnn4j.examples.bench.TrainingMemoryProbe xnor-resnet20 3 32 64 200
 * </pre>
 */
public final class TrainingMemoryProbe {
    static final String PREFIX = "TRAINPROBE";
    /** The networks it trains; "stock-resnet20" is the float twin built from stock DL4J convolution layers. */
    static final String[] NETWORKS = {"xnor-resnet20", "xnor-resnet20-fp", "ttq-resnet20", "ttq-resnet20-fp", "stock-resnet20"};
    private static final int WARM_UP = 10;
    private static final int CLASSES = 10;
    private static final int VALIDATION_EXAMPLES = 5000;
    private static final List<String> CLASS_NAMES = java.util.stream.IntStream.range(0, CLASSES)
            .mapToObj(Integer::toString).toList();

    private TrainingMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String network = args[0];
        int[] shape = {Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[2])};
        int batch = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        ComputationGraph net = network(network, shape);
        Random random = new Random(7);
        long afterWarmUp = 0;
        long trackedAfterWarmUp = 0;
        long trackedPeak = 0;
        for (int step = 0; step < steps; step++) {
            net.fit(batch(random, batch, shape));
            if (step + 1 == WARM_UP) {
                afterWarmUp = ChildProbe.procStatusBytes("VmRSS:");
                trackedAfterWarmUp = Pointer.totalBytes();
            }
            trackedPeak = Math.max(trackedPeak, Pointer.totalBytes());
        }
        // an epoch ends as the trainer ends one: a validation pass over 5,000 images (accuracy and loss), a checkpoint
        List<DataSet> validation = new ArrayList<>();
        for (int i = 0; i < (VALIDATION_EXAMPLES + batch - 1) / batch; i++) {
            validation.add(batch(random, batch, shape));
        }
        NetworkAdapter adapter = new NetworkAdapter(net);
        adapter.validate(new ListDataSetIterator<>(validation, 1), CLASS_NAMES);
        validation.clear();
        Path saved = Files.createTempFile("bnn4j-memory-probe", ".zip");
        try {
            adapter.save(saved.toFile(), null);
        } finally {
            Files.deleteIfExists(saved);
        }
        System.out.println(PREFIX + " afterWarmUp=" + afterWarmUp + " end=" + ChildProbe.procStatusBytes("VmRSS:") + " peakRss=" + ChildProbe.procStatusBytes("VmHWM:")
                // JavaCPP's count of the native bytes its live pointers hold (ND4J's arrays): if the resident set grows
                // while this stays flat, the growth is the allocator keeping freed memory, not arrays escaping
                + " nativeAfterWarmUp=" + trackedAfterWarmUp + " nativeEnd=" + Pointer.totalBytes() + " nativePeak=" + trackedPeak
                + " heapCommitted=" + Runtime.getRuntime().totalMemory() + " steps=" + steps);
    }

    static ComputationGraph network(String name, int[] shape) {
        return switch (name) {
            case "xnor-resnet20" -> XnorResNet20.builder().inputShape(shape).build().init();
            case "xnor-resnet20-fp" -> XnorResNet20.builder().inputShape(shape).fullPrecision(true).build().init();
            case "ttq-resnet20" -> TtqResNet20.builder().inputShape(shape).build().init();
            case "ttq-resnet20-fp" -> TtqResNet20.builder().inputShape(shape).fullPrecision(true).build().init();
            case "stock-resnet20" -> {
                ComputationGraph g = new ComputationGraph(StockLayers.of(
                        XnorResNet20.builder().inputShape(shape).fullPrecision(true).build().conf()));
                g.init();
                yield g;
            }
            default -> throw new IllegalArgumentException("unknown network '" + name + "'");
        };
    }

    /** A new batch, as a reader makes one per step: features in [0, 1), one-hot labels. */
    private static DataSet batch(Random random, int batch, int[] shape) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, shape[0], shape[1], shape[2]);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, CLASSES);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, random.nextInt(CLASSES), 1f);
        }
        return new DataSet(x, y);
    }

}
