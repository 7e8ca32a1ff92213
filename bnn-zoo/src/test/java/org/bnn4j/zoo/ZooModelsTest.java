package org.bnn4j.zoo;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.lossfunctions.LossOneHotSquaredHinge;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Every zoo model builds, trains a few iterations, and survives a ModelSerializer round trip. */
class ZooModelsTest {

    private static DataSet randomData(long seed, int n, long[] featureShape, int classes) {
        Random r = new Random(seed);
        long[] shape = new long[featureShape.length + 1];
        shape[0] = n;
        System.arraycopy(featureShape, 0, shape, 1, featureShape.length);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) y.putScalar(i, r.nextInt(classes), 1);
        return new DataSet(x, y);
    }

    @Test
    void binaryNetMlpHasTheDocumentedTopology() {
        MultiLayerConfiguration conf = BinaryNetMlp.builder().width(64).hiddenLayers(3).build().conf();
        // 4 x (dense, BN) + 3 signs + loss
        assertEquals(12, conf.getConfs().size());
        int binaryDense = 0;
        for (var c : conf.getConfs()) {
            if (c.getLayer() instanceof BinaryDenseLayer) {
                binaryDense++;
                assertEquals(1, ((BinaryDenseLayer) c.getLayer()).getKernelQuantizer().precision(), "binary weights in every layer");
            }
        }
        assertEquals(4, binaryDense);
        assertEquals(0.8, conf.getConf(0).getLayer().getIDropout() == null ? -1
                : ((org.deeplearning4j.nn.conf.dropout.Dropout) conf.getConf(0).getLayer().getIDropout()).getP(), 1e-12,
                "DL4J's dropOut takes the keep probability: 0.2 dropped = 0.8 kept");
        MultiLayerConfiguration twin = BinaryNetMlp.builder().width(64).fullPrecision(true).build().conf();
        assertTrue(((BinaryDenseLayer) twin.getConf(0).getLayer()).getKernelQuantizer() instanceof Identity);
        MultiLayerConfiguration hinge = BinaryNetMlp.builder().width(64).outputLoss(OutputLoss.SQUARED_HINGE).build().conf();
        assertTrue(((LossLayer) hinge.getConf(hinge.getConfs().size() - 1).getLayer()).getLossFn() instanceof LossOneHotSquaredHinge);
    }

    @Test
    void binaryNetMlpTrainsAndSerializes(@TempDir File dir) throws IOException {
        for (OutputLoss loss : OutputLoss.values()) {
            for (boolean fp : new boolean[]{false, true}) {
                MultiLayerNetwork net = BinaryNetMlp.builder().width(32).inputSize(20).numClasses(5).outputLoss(loss)
                        .fullPrecision(fp).seed(3).build().init();
                DataSet data = randomData(1, 16, new long[]{20}, 5);
                double before = net.score(data);
                for (int i = 0; i < 5; i++) net.fit(data);
                assertTrue(net.score(data) < before, loss + " fp=" + fp + ": score must fall on a memorisable batch");
                File file = new File(dir, "mlp-" + loss + fp + ".zip");
                ModelSerializer.writeModel(net, file, true);
                MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
                assertEquals(net.output(data.getFeatures()), restored.output(data.getFeatures()));
            }
        }
    }

    @Test
    void xnorResNet20HasTwentyWeightLayers() {
        ComputationGraphConfiguration conf = XnorResNet20.builder().build().conf();
        int binary = 0, fullPrecision = 0;
        for (var v : conf.getVertices().values()) {
            if (v instanceof LayerVertex && ((LayerVertex) v).getLayerConf().getLayer() instanceof XnorConvolutionLayer) {
                XnorConvolutionLayer l = (XnorConvolutionLayer) ((LayerVertex) v).getLayerConf().getLayer();
                if (l.getKernelQuantizer() instanceof MagnitudeAwareSign) {
                    binary++;
                    assertEquals(1.0, l.getPadValue());
                } else if (l.getKernelSize()[0] == 3) {
                    fullPrecision++;
                }
            }
        }
        assertEquals(18, binary, "3 stages x 3 blocks x 2 binary convolutions");
        assertEquals(1, fullPrecision, "the stem stays in full precision (+ the dense classifier = 20 layers)");
    }

    @Test
    void xnorResNet20TrainsAndSerializesInBothPrecisions(@TempDir File dir) throws IOException {
        for (boolean fp : new boolean[]{false, true}) {
            ComputationGraph net = XnorResNet20.builder().inputShape(new int[]{1, 12, 12}).numClasses(4)
                    .fullPrecision(fp).seed(5).build().init();
            DataSet data = randomData(2, 8, new long[]{1, 12, 12}, 4);
            double before = net.score(data);
            for (int i = 0; i < 6; i++) net.fit(data);
            assertTrue(net.score(data) < before, "fp=" + fp + ": score must fall on a memorisable batch");
            File file = new File(dir, "resnet" + fp + ".zip");
            ModelSerializer.writeModel(net, file, true);
            ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
            assertEquals(net.outputSingle(data.getFeatures()), restored.outputSingle(data.getFeatures()));
            assertEquals(4, net.outputSingle(data.getFeatures()).size(1));
        }
    }

    /**
     * Every binary convolution must read values of both signs: a ReLU before a sign (as once after the stem) makes
     * every input +1, the convolution's output constant and its BN's variance zero, which blows up at inference.
     */
    @Test
    void xnorResNet20BinaryConvolutionsReadBothSigns() {
        ComputationGraph net = XnorResNet20.builder().inputShape(new int[]{1, 12, 12}).numClasses(4).seed(7).build().init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 1, 12, 12).subi(0.5);
        var activations = net.feedForward(x, false);
        int checked = 0;
        for (var entry : net.getConfiguration().getVertices().entrySet()) {
            if (entry.getValue() instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof XnorConvolutionLayer l
                    && l.getKernelQuantizer() instanceof MagnitudeAwareSign) {
                String in = net.getConfiguration().getVertexInputs().get(entry.getKey()).get(0);
                INDArray input = "input".equals(in) ? x : activations.get(in);
                assertTrue(input.minNumber().doubleValue() < 0 && input.maxNumber().doubleValue() > 0,
                        entry.getKey() + " reads " + in + ", whose values all have one sign");
                checked++;
            }
        }
        assertEquals(18, checked);
    }

    /** Trained briefly on a learnable task, the binarized net must classify well in inference mode (running BN statistics). */
    @Test
    void xnorResNet20LearnsStripeOrientationAndKeepsItAtInference() {
        ComputationGraph net = XnorResNet20.builder().inputShape(new int[]{1, 12, 12}).numClasses(2).seed(8).build().init();
        DataSet train = stripes(512, 12, 1);
        DataSet test = stripes(256, 12, 2);
        for (int epoch = 0; epoch < 4; epoch++) {
            for (DataSet batch : train.batchBy(32)) {
                net.fit(batch);
            }
        }
        INDArray predicted = net.outputSingle(false, test.getFeatures()).argMax(1);
        double accuracy = predicted.eq(test.getLabels().argMax(1)).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertTrue(accuracy >= 0.9, "inference-mode accuracy " + accuracy);
    }

    /** Images of horizontal (class 0) or vertical (class 1) stripes, random period offset, plus noise; centred on 0. */
    private static DataSet stripes(int n, int size, long seed) {
        Random r = new Random(seed);
        INDArray x = Nd4j.create(DataType.FLOAT, n, 1, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(2);
            int phase = r.nextInt(4);
            y.putScalar(i, label, 1);
            for (int row = 0; row < size; row++) {
                for (int col = 0; col < size; col++) {
                    int along = label == 0 ? row : col;
                    double v = ((along + phase) % 4 < 2 ? 0.5 : -0.5) + 0.3 * r.nextGaussian();
                    x.putScalar(new int[]{i, 0, row, col}, v);
                }
            }
        }
        return new DataSet(x, y);
    }

    @Test
    void ttqResNet20HasEighteenTernaryConvolutionsAndTrains(@TempDir File dir) throws IOException {
        ComputationGraphConfiguration conf = TtqResNet20.builder().build().conf();
        long ternary = conf.getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex && ((LayerVertex) v).getLayerConf().getLayer() instanceof TernaryConvolutionLayer)
                .count();
        assertEquals(18, ternary);
        for (boolean fp : new boolean[]{false, true}) {
            ComputationGraph net = TtqResNet20.builder().inputShape(new int[]{1, 12, 12}).numClasses(4)
                    .fullPrecision(fp).seed(6).build().init();
            DataSet data = randomData(3, 8, new long[]{1, 12, 12}, 4);
            double before = net.score(data);
            for (int i = 0; i < 6; i++) net.fit(data);
            assertTrue(net.score(data) < before, "fp=" + fp + ": score must fall on a memorisable batch");
            if (!fp) {
                assertNotEquals(1.0, net.getParam("s1b1_conv1_Wp").getDouble(0), "Wp trains");
            }
            File file = new File(dir, "ttq" + fp + ".zip");
            ModelSerializer.writeModel(net, file, true);
            assertEquals(net.outputSingle(data.getFeatures()),
                    ModelSerializer.restoreComputationGraph(file, true).outputSingle(data.getFeatures()));
        }
    }

    @Test
    void badArgumentsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryNetMlp.builder().width(0).build().conf());
        assertTrue(e.getMessage().contains("width"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BinaryNetMlp.builder().hiddenDropout(1.0).build().conf());
        assertTrue(e.getMessage().contains("hiddenDropout"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> XnorResNet20.builder().inputShape(new int[]{28, 28}).build().conf());
        assertTrue(e.getMessage().contains("inputShape"), e.getMessage());
    }
}
