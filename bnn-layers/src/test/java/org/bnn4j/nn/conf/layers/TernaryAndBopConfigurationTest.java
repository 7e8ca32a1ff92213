package org.bnn4j.nn.conf.layers;

import org.bnn4j.nn.conf.BnnConfigValidator;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.bnn4j.nn.testutil.Failures.assertFailsNaming;
import static org.junit.jupiter.api.Assertions.*;

/** TTQ layers and Bop are configured as the issue asks, and bad configurations fail early, naming layer and field. */
class TernaryAndBopConfigurationTest {

    private static MultiLayerConfiguration withOutput(NeuralNetConfiguration.Builder global, Layer layer) {
        return global.list()
                .layer(layer)
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(6)).build();
    }

    private static void initialise(MultiLayerConfiguration conf) {
        new MultiLayerNetwork(conf).init();
    }

    @Test
    void thresholdFactorOutsideTheOpenUnitIntervalIsRejectedAtBuild() {
        for (double bad : new double[]{0, 1, -0.1, 1.5, Double.NaN}) {
            assertFailsNaming(() -> new TernaryDenseLayer.Builder().nOut(4).name("t").thresholdFactor(bad).build(),
                    "TernaryDenseLayer", "name=t", "thresholdFactor", String.valueOf(bad));
            assertFailsNaming(() -> new TernaryConvolutionLayer.Builder(3, 3).nOut(4).name("c").thresholdFactor(bad).build(),
                    "TernaryConvolutionLayer", "name=c", "thresholdFactor", String.valueOf(bad));
        }
    }

    @Test
    void ternaryLayersShareTheQuantizedLayersChecks() {
        assertFailsNaming(() -> new TernaryDenseLayer.Builder().name("t").build(), "TernaryDenseLayer", "t", "nOut");
        assertFailsNaming(() -> new TernaryConvolutionLayer.Builder(3, 3).name("c").build(), "TernaryConvolutionLayer", "c", "nOut");
        assertFailsNaming(() -> withOutput(new NeuralNetConfiguration.Builder(),
                        new TernaryDenseLayer.Builder().nIn(10).nOut(4).name("t").build()),
                "TernaryDenseLayer", "name=t", "nIn is set to 10", "6");
        assertFailsNaming(() -> new TernaryConvolutionLayer.Builder(3, 3).nOut(4).padValue(0.5).build(), "padValue", "0.5");
        TernaryDenseLayer swapped = new TernaryDenseLayer.Builder().nOut(4).name("t").build();
        swapped.setKernelQuantizer(new SteTernary());
        assertFailsNaming(() -> initialise(withOutput(new NeuralNetConfiguration.Builder(), swapped)),
                "TernaryDenseLayer", "name=t", "kernelQuantizer must be a TrainedTernary");
    }

    @Test
    void ternaryLayersReportTheirScalesInTheMemoryReport() {
        MultiLayerConfiguration conf = withOutput(new NeuralNetConfiguration.Builder().updater(new Adam()),
                new TernaryDenseLayer.Builder().nOut(4).build());
        MemoryReport report = conf.getMemoryReport(InputType.feedForward(6));
        assertTrue(report.toString().contains("TernaryDenseLayer"), report.toString());
        assertEquals(6 * 4 + 4 + 2, conf.getConf(0).getLayer().initializer().numParams(conf.getConf(0).getLayer()));
    }

    @Test
    void bopOnTheKernelLeavesEveryOtherParameterToTheLayersUpdaterAndRegularization() {
        MultiLayerConfiguration conf = withOutput(new NeuralNetConfiguration.Builder().updater(new Adam(1e-3)).l2(1e-4).l2Bias(1e-5),
                new BinaryDenseLayer.Builder().nOut(4).kernelUpdater(new Bop()).build());
        Layer dense = conf.getConf(0).getLayer();
        assertEquals(new Bop(), dense.getUpdaterByParam("W"));
        assertEquals(new Adam(1e-3), dense.getUpdaterByParam("b"));
        assertEquals(new Adam(1e-3), conf.getConf(1).getLayer().getUpdaterByParam("gamma"), "BatchNormalization keeps Adam");
        assertEquals(List.of(new Bop().flipStep()), dense.getRegularizationByParam("W"), "only the flip, no L2 on ±1 weights");
        List<Regularization> bias = dense.getRegularizationByParam("b");
        assertEquals(1, bias.size());
        assertInstanceOf(L2Regularization.class, bias.get(0));
        assertTrue(BnnConfigValidator.check(conf).isEmpty());
        initialise(conf);
        // Bop's state (one value per kernel weight) is part of the reported updater memory.
        long adamOnly = withOutput(new NeuralNetConfiguration.Builder().updater(new Adam(1e-3)),
                new BinaryDenseLayer.Builder().nOut(4).build()).getMemoryReport(InputType.feedForward(6))
                .getTotalMemoryBytes(1, org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING,
                        org.deeplearning4j.nn.conf.CacheMode.NONE, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        long withBop = conf.getMemoryReport(InputType.feedForward(6)).getTotalMemoryBytes(1,
                org.deeplearning4j.nn.conf.memory.MemoryUseMode.TRAINING, org.deeplearning4j.nn.conf.CacheMode.NONE,
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        assertEquals(adamOnly - 6 * 4 * 4, withBop, "Bop keeps 1 value per kernel weight where Adam keeps 2");
    }

    @Test
    void bopAnywhereButABinaryKernelFailsAtInitialisation() {
        // On the whole layer, the bias would get Bop too.
        assertFailsNaming(() -> initialise(withOutput(new NeuralNetConfiguration.Builder(),
                        new BinaryDenseLayer.Builder().nOut(4).name("d").updater(new Bop()).build())),
                "BinaryDenseLayer", "name=d", "\"b\"", "kernelUpdater(new Bop())");
        // ... unless the bias has its own updater.
        initialise(withOutput(new NeuralNetConfiguration.Builder(),
                new BinaryDenseLayer.Builder().nOut(4).updater(new Bop()).biasUpdater(new Sgd(0.1)).build()));
        // TTQ's latent weights and ternary kernels are not binary.
        assertFailsNaming(() -> initialise(withOutput(new NeuralNetConfiguration.Builder(),
                        new TernaryDenseLayer.Builder().nOut(4).name("t").kernelUpdater(new Bop()).build())),
                "TernaryDenseLayer", "name=t", "Bop", "TrainedTernary", "2 bits");
        assertFailsNaming(() -> initialise(withOutput(new NeuralNetConfiguration.Builder(),
                        new BinaryDenseLayer.Builder().nOut(4).name("d").kernelQuantizer(new SteTernary()).kernelUpdater(new Bop()).build())),
                "BinaryDenseLayer", "name=d", "SteTernary", "2 bits");
        assertFailsNaming(() -> initialise(new NeuralNetConfiguration.Builder().list()
                        .layer(new XnorConvolutionLayer.Builder(3, 3).nOut(4).name("x").updater(new Bop()).build())
                        .layer(new OutputLayer.Builder().nOut(2).build())
                        .setInputType(InputType.convolutional(4, 4, 1)).build()),
                "XnorConvolutionLayer", "name=x", "\"b\"");
    }

    @Test
    void validatorReportsBopOnLayersThatCannotFlip() {
        MultiLayerConfiguration conf = withOutput(new NeuralNetConfiguration.Builder().updater(new Bop()),
                new BinaryDenseLayer.Builder().nOut(4).hasBias(false).build());
        List<String> problems = BnnConfigValidator.problems(conf);
        assertEquals(4, problems.size(), problems.toString()); // BN gamma and beta, output W and b
        assertTrue(problems.get(0).contains("BatchNormalization at layer 1"), problems.get(0));
        assertTrue(problems.get(0).contains("kernelUpdater(new Bop())"), problems.get(0));
        assertTrue(problems.get(2).contains("OutputLayer at layer 2"), problems.get(2));
    }
}
