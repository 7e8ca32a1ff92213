package org.bnn4j.zoo;

import org.bnn4j.nn.activations.ActivationSteSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.constraints.WeightClipConstraint;
import org.bnn4j.nn.lossfunctions.LossMultiClassHinge;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.bnn4j.nn.quantizers.PowerOfTwo;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.quantizers.StochasticSign;
import org.bnn4j.nn.quantizers.StochasticTernary;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The zoo's variants for the papers' training methods: BinaryConnect / TernaryConnect MLPs (ReLU units, stochastic or
 * ternary kernels, quantized back-propagation, weight clipping off) and a hinge loss on the image models, which
 * Deep Frank-Wolfe needs.
 */
class TrainingVariantsTest {

    private static List<BinaryDenseLayer> denseLayers(MultiLayerConfiguration conf) {
        List<BinaryDenseLayer> dense = new ArrayList<>();
        for (var c : conf.getConfs()) {
            if (c.getLayer() instanceof BinaryDenseLayer d) dense.add(d);
        }
        return dense;
    }

    private static List<ActivationLayer> activationLayers(MultiLayerConfiguration conf) {
        List<ActivationLayer> a = new ArrayList<>();
        for (var c : conf.getConfs()) {
            if (c.getLayer() instanceof ActivationLayer l) a.add(l);
        }
        return a;
    }

    @Test
    void binaryNetDefaultsAreUnchanged() {
        MultiLayerConfiguration conf = BinaryNetMlp.builder().width(16).build().conf();
        for (BinaryDenseLayer d : denseLayers(conf)) {
            assertEquals(SteSign.class, d.getKernelQuantizer().getClass());
            assertNull(d.getBackpropInputQuantizer());
            assertTrue(d.getConstraints().stream().anyMatch(c -> c instanceof WeightClipConstraint));
        }
        activationLayers(conf).forEach(a -> assertInstanceOf(ActivationSteSign.class, a.getActivationFn()));
    }

    @ParameterizedTest
    @EnumSource(BinaryNetMlp.Weights.class)
    void weightsChooseTheKernelQuantizerWithOneSeedPerLayer(BinaryNetMlp.Weights weights) {
        List<BinaryDenseLayer> dense = denseLayers(BinaryNetMlp.builder().width(16).weights(weights).seed(5).build().conf());
        assertEquals(4, dense.size());
        Class<?> expected = switch (weights) {
            case BINARY -> SteSign.class;
            case STOCHASTIC_BINARY -> StochasticSign.class;
            case TERNARY -> SteTernary.class;
            case STOCHASTIC_TERNARY -> StochasticTernary.class;
        };
        Set<Object> seeds = new HashSet<>();
        for (BinaryDenseLayer d : dense) {
            assertEquals(expected, d.getKernelQuantizer().getClass());
            if (d.getKernelQuantizer() instanceof StochasticSign s) seeds.add(s.getSeed());
            if (d.getKernelQuantizer() instanceof StochasticTernary t) seeds.add(t.getSeed());
        }
        if (weights.name().startsWith("STOCHASTIC")) {
            assertEquals(4, seeds.size(), "layers must not draw the same noise");
            dense.forEach(d -> assertTrue(d.getKernelQuantizer().toString().contains("meanAtInference"),
                    "the papers' test-time rule: " + d.getKernelQuantizer()));
            dense.forEach(d -> assertTrue(d.getConstraints().stream().anyMatch(c -> c instanceof WeightClipConstraint),
                    "latent weights clipped although inference is real-valued"));
        }
        // the twin ignores the choice
        denseLayers(BinaryNetMlp.builder().width(16).weights(weights).fullPrecision(true).build().conf())
                .forEach(d -> assertInstanceOf(Identity.class, d.getKernelQuantizer()));
    }

    @Test
    void binaryConnectKeepsReluUnitsAlsoInTheTwin() {
        for (boolean fp : new boolean[]{false, true}) {
            MultiLayerConfiguration conf = BinaryNetMlp.builder().width(16).activations(BinaryNetMlp.Activations.RELU)
                    .fullPrecision(fp).build().conf();
            List<ActivationLayer> a = activationLayers(conf);
            assertEquals(3, a.size());
            a.forEach(l -> assertInstanceOf(ActivationReLU.class, l.getActivationFn(), "fp=" + fp));
        }
    }

    @Test
    void backpropQuantizerAndWeightClippingReachEveryLayer() {
        PowerOfTwo p = new PowerOfTwo(-4, 0);
        MultiLayerConfiguration conf = BinaryNetMlp.builder().width(16).backpropInputQuantizer(p).weightClipping(false)
                .build().conf();
        for (BinaryDenseLayer d : denseLayers(conf)) {
            assertEquals(p, d.getBackpropInputQuantizer());
            assertTrue(d.getConstraints() == null || d.getConstraints().isEmpty(), "no clip: " + d.getConstraints());
        }
        // and survives JSON (saved models keep their training method)
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        for (BinaryDenseLayer d : denseLayers(back)) {
            assertEquals(p, d.getBackpropInputQuantizer());
            assertTrue(d.getConstraints() == null || d.getConstraints().isEmpty());
        }
    }

    @Test
    void glorotKernelLearningRatesScaleTheKernelsOnlyAndFollowTheSchedule() {
        IUpdater adam = new Adam(new ExponentialSchedule(ScheduleType.EPOCH, 3e-3, 0.5));
        MultiLayerConfiguration conf = BinaryNetMlp.builder().inputSize(784).width(1024).updater(adam)
                .glorotKernelLearningRates(true).build().conf();
        long[][] fans = {{784, 1024}, {1024, 1024}, {1024, 1024}, {1024, 10}};
        List<BinaryDenseLayer> dense = denseLayers(MultiLayerConfiguration.fromJson(conf.toJson())); // and it survives JSON
        for (int i = 0; i < 4; i++) {
            double scale = 1 / Math.sqrt(1.5 / (fans[i][0] + fans[i][1])); // BinaryConnect's W_LR_scale
            for (int epoch : new int[]{0, 3}) {
                double base = 3e-3 * Math.pow(0.5, epoch);
                assertEquals(base * scale, dense.get(i).getUpdaterByParam("W").getLearningRate(0, epoch), 1e-12, "layer " + i);
                assertEquals(base, dense.get(i).getUpdaterByParam("b").getLearningRate(0, epoch), 1e-15, "bias keeps the rate");
            }
        }
        assertEquals(3e-3 * 34.71, dense.get(0).getUpdaterByParam("W").getLearningRate(0, 0), 1e-4, "about 35x");
        assertThrows(IllegalArgumentException.class, () -> BinaryNetMlp.builder().width(16).glorotKernelLearningRates(true)
                .binaryKernelUpdater(new Bop()).build().conf());
    }

    @Test
    void imageModelsTakeTheHingeLossOnRawOutputs() {
        ImageGraphModel[] models = {
                XnorResNet20.builder().inputShape(new int[]{1, 8, 8}).numClasses(3).outputLoss(OutputLoss.MULTICLASS_HINGE).build(),
                TtqResNet20.builder().inputShape(new int[]{1, 8, 8}).numClasses(3).outputLoss(OutputLoss.MULTICLASS_HINGE).build(),
                BiRealNet18.builder().inputShape(new int[]{1, 32, 32}).numClasses(3).outputLoss(OutputLoss.MULTICLASS_HINGE).build(),
        };
        for (ImageGraphModel m : models) {
            OutputLayer fc = outputLayer(m.conf());
            assertInstanceOf(LossMultiClassHinge.class, fc.getLossFn(), m.modelName());
            assertInstanceOf(ActivationIdentity.class, fc.getActivationFn(), m.modelName());
        }
        OutputLayer softmax = outputLayer(XnorResNet20.builder().inputShape(new int[]{1, 8, 8}).build().conf());
        assertInstanceOf(LossMCXENT.class, softmax.getLossFn());
        assertInstanceOf(ActivationSoftmax.class, softmax.getActivationFn());

        ComputationGraph net = (ComputationGraph) models[0].init();
        Nd4j.getRandom().setSeed(1);
        INDArray out = net.outputSingle(Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8));
        assertTrue(out.minNumber().doubleValue() < 0 || out.sumNumber().doubleValue() != 2.0,
                "raw scores, not probabilities: " + out);
    }

    @Test
    void bopTrainsTheBinaryKernelsOfTheImageModelsOnly() {
        ComputationGraphConfiguration conf = XnorResNet20.builder().inputShape(new int[]{1, 8, 8})
                .binaryKernelUpdater(new Bop()).build().conf();
        int bop = 0;
        for (var v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer
                    && layer.initializer().paramKeys(layer).contains("W")) {
                boolean binary = layer instanceof org.bnn4j.nn.conf.layers.XnorConvolutionLayer x
                        && x.getKernelQuantizer() instanceof org.bnn4j.nn.quantizers.MagnitudeAwareSign;
                assertEquals(binary, layer.getUpdaterByParam("W") instanceof Bop, layer.getLayerName());
                if (binary) bop++;
            }
        }
        assertEquals(18, bop, "every binary block convolution, nothing else");
        IllegalArgumentException ttq = assertThrows(IllegalArgumentException.class, () -> TtqResNet20.builder()
                .inputShape(new int[]{1, 8, 8}).binaryKernelUpdater(new Bop()).build().conf());
        assertTrue(ttq.getMessage().contains("ternary"), ttq.getMessage());
    }

    private static OutputLayer outputLayer(ComputationGraphConfiguration conf) {
        return (OutputLayer) ((LayerVertex) conf.getVertices().get("fc")).getLayerConf().getLayer();
    }
}
