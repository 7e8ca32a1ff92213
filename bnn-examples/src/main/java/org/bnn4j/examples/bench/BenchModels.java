package org.bnn4j.examples.bench;

import org.bnn4j.export.BnnExporter;
import org.bnn4j.export.ExportedModel;
import org.bnn4j.runtime.BnnModel;
import org.bnn4j.zoo.BiRealNet18;
import org.bnn4j.zoo.BinaryNetMlp;
import org.bnn4j.zoo.ImageNetModel;
import org.bnn4j.zoo.QuickNet;
import org.bnn4j.zoo.XnorResNet20;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.Map;

/**
 * The zoo models the benchmark runs, built once per run with {@code init()} and then one training step on random
 * data: random weights, which do not change inference speed, but latent weights clipped and BatchNorm statistics
 * updated once, as in any trained model. Each model comes as the binarized DL4J network, its full-precision twin
 * (same topology, Identity quantizers) and the binarized one exported to the packed format.
 */
final class BenchModels {
    static final int[] CIFAR = {3, 32, 32};

    /** One zoo model in its three forms. */
    record Trio(String name, Model binary, Model twin, ExportedModel exported, int[] inputShape) {
        BnnModel runtime() throws Exception {
            return BnnModel.load(exported.bytes());
        }

        INDArray output(Model net, INDArray x) {
            return net instanceof MultiLayerNetwork m ? m.output(x, false) : ((ComputationGraph) net).outputSingle(false, x);
        }

        /** Random inputs: pixels in [0, 1) for the MLP, centred values for images. */
        INDArray inputs(int batch, long seed) {
            Nd4j.getRandom().setSeed(seed);
            long[] shape = new long[inputShape.length + 1];
            shape[0] = batch;
            for (int i = 0; i < inputShape.length; i++) {
                shape[i + 1] = inputShape[i];
            }
            INDArray x = Nd4j.rand(DataType.FLOAT, shape);
            return inputShape.length == 1 ? x : x.subi(0.5).muli(2);
        }
    }

    private final Map<String, Trio> cache = new HashMap<>();

    Trio mlp(int width) {
        return cache.computeIfAbsent("mlp" + width, k -> {
            MultiLayerNetwork binary = BinaryNetMlp.builder().width(width).build().init();
            MultiLayerNetwork twin = BinaryNetMlp.builder().width(width).fullPrecision(true).build().init();
            binary.fit(oneBatch(new long[]{32, 784}));
            twin.fit(oneBatch(new long[]{32, 784}));
            return new Trio("BinaryNet MLP-" + width, binary, twin, BnnExporter.convert(binary, null), new int[]{784});
        });
    }

    Trio resnet() {
        return cache.computeIfAbsent("resnet", k -> {
            ComputationGraph binary = XnorResNet20.builder().build().init();
            ComputationGraph twin = XnorResNet20.builder().fullPrecision(true).build().init();
            binary.fit(oneBatch(new long[]{16, CIFAR[0], CIFAR[1], CIFAR[2]}));
            twin.fit(oneBatch(new long[]{16, CIFAR[0], CIFAR[1], CIFAR[2]}));
            return new Trio("XNOR-ResNet20", binary, twin,
                    BnnExporter.convert(binary, InputType.convolutional(CIFAR[1], CIFAR[2], CIFAR[0])), CIFAR);
        });
    }

    /**
     * An ImageNet-size zoo model at 3x224x224 and 1000 classes: {@code "birealnet18"} or {@code "quicknet"}. One
     * training step on a batch of 2 random images (enough to move BatchNorm's statistics off their initial values).
     */
    Trio imagenet(String model) {
        return cache.computeIfAbsent(model, k -> {
            ComputationGraph binary = imagenetModel(model, false);
            ComputationGraph twin = imagenetModel(model, true);
            int[] shape = ImageNetModel.IMAGENET_SHAPE;
            binary.fit(oneBatch(new long[]{2, shape[0], shape[1], shape[2]}, ImageNetModel.IMAGENET_CLASSES));
            twin.fit(oneBatch(new long[]{2, shape[0], shape[1], shape[2]}, ImageNetModel.IMAGENET_CLASSES));
            return new Trio(model.equals("quicknet") ? "QuickNet" : "Bi-Real Net-18", binary, twin,
                    BnnExporter.convert(binary, InputType.convolutional(shape[1], shape[2], shape[0])), shape.clone());
        });
    }

    private static ComputationGraph imagenetModel(String model, boolean fullPrecision) {
        return switch (model) {
            case "birealnet18" -> BiRealNet18.builder().fullPrecision(fullPrecision).build().init();
            case "quicknet" -> QuickNet.builder().fullPrecision(fullPrecision).build().init();
            default -> throw new IllegalArgumentException("unknown ImageNet model " + model);
        };
    }

    /** Random features of the given shape with one-hot labels over 10 classes. */
    private static DataSet oneBatch(long[] shape) {
        return oneBatch(shape, 10);
    }

    private static DataSet oneBatch(long[] shape, int classes) {
        Nd4j.getRandom().setSeed(5);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, shape[0], classes);
        for (int i = 0; i < shape[0]; i++) {
            labels.putScalar(i, i % classes, 1);
        }
        return new DataSet(Nd4j.rand(DataType.FLOAT, shape), labels);
    }

    /** Example {@code i} flattened in C order, as the runtime takes it. */
    static float[][] rows(INDArray batch) {
        float[][] rows = new float[(int) batch.size(0)][];
        for (int i = 0; i < rows.length; i++) {
            INDArray example = batch.slice(i).dup('c');
            rows[i] = example.reshape(example.length()).toFloatVector();
        }
        return rows;
    }
}
