package org.bnn4j.tests;

import com.example.quantizers.LearnedScaleSign;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedDenseLayer;
import org.bnn4j.nn.conf.layers.QuantizedDepthwiseConvolutionLayer;
import org.bnn4j.nn.conf.layers.QuantizedLayer;
import org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer;
import org.bnn4j.nn.conf.layers.TernaryConvolutionLayer;
import org.bnn4j.nn.conf.layers.TernaryDenseLayer;
import org.bnn4j.nn.conf.layers.XnorConvolutionLayer;
import org.bnn4j.nn.quantizers.ApproxSign;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.conf.layers.QuantizerParameterSlot;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.quantizers.TrainedTernary;
import org.bnn4j.tests.testutil.Data;
import org.bnn4j.tests.testutil.Equivalence;
import org.bnn4j.tests.testutil.PackageClasses;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The contract every quantized layer type meets, run on every layer configuration of {@code org.bnn4j.nn.conf.layers}
 * and on a user's own quantizer with a trained parameter ({@link LearnedScaleSign}, outside bnn4j's packages): it
 * builds in a MultiLayerNetwork and a ComputationGraph from {@code setInputType}, survives JSON and ModelSerializer
 * with identical outputs, passes DL4J's numerical gradient check with real inputs (every parameter but latent weights
 * behind a non-identity quantizer, whose gradient is an estimator), trains its quantizer's parameters, and after
 * export the dependency-free runtime agrees with DL4J. A new layer or quantizer joins by one line in
 * {@link #cases()}; {@link #everyLayerConfigurationHasACase()} fails when a layer class is forgotten.
 */
class LayerContractTest {
    private static final int FEATURES = 12;
    private static final int SIZE = 6;
    private static final int CHANNELS = 2;
    private static final int CLASSES = 4;

    /**
     * One layer type: {@code make.apply(nOut, inputQuantizer)} builds it with that input quantizer (null: real inputs)
     * and its own kernel quantizer; {@code differentiableKernel} says whether its latent weights have a true gradient.
     */
    record Case(String name, boolean convolution, BiFunction<Integer, Quantizer, Layer> make, boolean differentiableKernel) {
        @Override
        public String toString() {
            return name;
        }

        Layer build(int nOut, Quantizer input) {
            return make.apply(nOut, input);
        }

        InputType inputType() {
            return convolution ? InputType.convolutional(SIZE, SIZE, CHANNELS) : InputType.feedForward(FEATURES);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                dense("BinaryDenseLayer", (n, in) -> new BinaryDenseLayer.Builder().nOut(n).inputQuantizer(in).build(), false),
                dense("TernaryDenseLayer", (n, in) -> new TernaryDenseLayer.Builder().nOut(n).inputQuantizer(in)
                        .thresholdFactor(0.2).build(), false),
                dense("QuantizedDenseLayer (Identity)", (n, in) -> new QuantizedDenseLayer.Builder().nOut(n)
                        .inputQuantizer(in).build(), true),
                dense("QuantizedDenseLayer (SteTernary)", (n, in) -> new QuantizedDenseLayer.Builder().nOut(n)
                        .inputQuantizer(in).kernelQuantizer(new SteTernary(-0.2, 0.2)).build(), false),
                dense("QuantizedDenseLayer (LearnedScaleSign, user quantizer)", (n, in) -> new QuantizedDenseLayer.Builder()
                        .nOut(n).inputQuantizer(in).kernelQuantizer(new LearnedScaleSign(0.3)).build(), false),
                conv("XnorConvolutionLayer", (n, in) -> new XnorConvolutionLayer.Builder(3, 3).nOut(n).inputQuantizer(in)
                        .padValue(in == null ? 0 : 1).build(), false),
                conv("TernaryConvolutionLayer", (n, in) -> new TernaryConvolutionLayer.Builder(3, 3).nOut(n)
                        .inputQuantizer(in).padValue(in == null ? 0 : -1).thresholdFactor(0.1).build(), false),
                conv("QuantizedConvolutionLayer (Identity)", (n, in) -> new QuantizedConvolutionLayer.Builder(3, 3).nOut(n)
                        .inputQuantizer(in).build(), true),
                conv("QuantizedConvolutionLayer (ApproxSign in, TrainedTernary)", (n, in) ->
                        new QuantizedConvolutionLayer.Builder(3, 3).nOut(n).stride(2, 1).inputQuantizer(in)
                                .kernelQuantizer(new TrainedTernary(0.1)).build(), false),
                conv("QuantizedConvolutionLayer (LearnedScaleSign, user quantizer)", (n, in) ->
                        new QuantizedConvolutionLayer.Builder(3, 3).nOut(n).inputQuantizer(in).padValue(in == null ? 0 : 1)
                                .kernelQuantizer(new LearnedScaleSign()).build(), false),
                conv("QuantizedDepthwiseConvolutionLayer (SteSign)", (n, in) ->
                        new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).inputQuantizer(in).padValue(in == null ? 0 : 1)
                                .kernelQuantizer(new SteSign()).build(), false),
                conv("QuantizedDepthwiseConvolutionLayer (MagnitudeAwareSign, multiplier 2)", (n, in) ->
                        new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).depthMultiplier(2).stride(2, 2)
                                .inputQuantizer(in).padValue(in == null ? 0 : -1).kernelQuantizer(new MagnitudeAwareSign())
                                .build(), false),
                conv("QuantizedDepthwiseConvolutionLayer (TrainedTernary)", (n, in) ->
                        new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).inputQuantizer(in)
                                .kernelQuantizer(new TrainedTernary(0.1)).build(), false),
                conv("QuantizedDepthwiseConvolutionLayer (Identity)", (n, in) ->
                        new QuantizedDepthwiseConvolutionLayer.Builder(3, 3).depthMultiplier(2).inputQuantizer(in).build(), true),
                conv("QuantizedSeparableConvolutionLayer (SteSign, SteSign)", (n, in) ->
                        new QuantizedSeparableConvolutionLayer.Builder(3, 3).nOut(n).inputQuantizer(in)
                                .padValue(in == null ? 0 : 1).kernelQuantizer(new SteSign()).pointwiseQuantizer(new SteSign())
                                .build(), false),
                conv("QuantizedSeparableConvolutionLayer (MagnitudeAwareSign x2, TrainedTernary)", (n, in) ->
                        new QuantizedSeparableConvolutionLayer.Builder(3, 3).nOut(n).depthMultiplier(2).stride(2, 1)
                                .inputQuantizer(in).kernelQuantizer(new MagnitudeAwareSign())
                                .pointwiseQuantizer(new TrainedTernary(0.1)).build(), false),
                conv("QuantizedSeparableConvolutionLayer (Identity)", (n, in) ->
                        new QuantizedSeparableConvolutionLayer.Builder(3, 3).nOut(n).inputQuantizer(in).build(), true));
    }

    /** What each layer type's binarized variant reads: SteSign, except where the case is about ApproxSign. */
    private static Quantizer signInput(Case c) {
        return c.name().contains("ApproxSign") ? new ApproxSign() : new SteSign();
    }

    @Test
    void everyLayerConfigurationHasACase() {
        Set<Class<?>> covered = cases().map(c -> c.build(4, null).getClass()).collect(Collectors.toSet());
        List<String> missing = PackageClasses.concrete(Layer.class, QuantizedLayer.class.getPackageName()).stream()
                .filter(c -> !covered.contains(c)).map(Class::getSimpleName).collect(Collectors.toList());
        assertEquals(List.of(), missing, "layer configurations without a case in LayerContractTest.cases()");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsInBothNetworkKindsAndTrains(Case c) {
        MultiLayerNetwork mln = new MultiLayerNetwork(mln(c, 7));
        mln.init();
        ComputationGraph cg = new ComputationGraph(graph(c, 7));
        cg.init();
        DataSet data = data(c, 64, 1);
        for (Model net : List.of(mln, cg)) {
            INDArray before = net.params().dup();
            Data.train(net, data, 2);
            assertTrue(Double.isFinite(net.score()), c + ": score " + net.score());
            assertNotEquals(before, net.params(), c + ": training changed nothing");
        }
        assertArrayEquals(new long[]{64, CLASSES}, mln.output(data.getFeatures()).shape());
        assertArrayEquals(new long[]{64, CLASSES}, cg.outputSingle(data.getFeatures()).shape());
    }

    /** The kernel quantizer's own parameters are in the table, start at their initial values, and training moves them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsTheQuantizersOwnParameters(Case c) {
        MultiLayerNetwork net = new MultiLayerNetwork(mln(c, 8));
        net.init();
        QuantizedLayer layer = (QuantizedLayer) net.getLayer(0).conf().getLayer();
        List<QuantizerParameterSlot> declared = layer.quantizerParameterSlots();
        for (QuantizerParameterSlot s : declared) {
            INDArray value = net.getLayer(0).getParam(s.key());
            assertNotNull(value, c + ": parameter " + s.key() + " missing from " + net.getLayer(0).paramTable().keySet());
            assertEquals(s.length(), value.length());
            assertEquals(s.parameter().initialValue(), value.getDouble(0), 1e-6);
        }
        Data.train(net, data(c, 64, 1), 3);
        for (QuantizerParameterSlot s : declared) {
            assertNotEquals(s.parameter().initialValue(), net.getLayer(0).getParam(s.key()).getDouble(0), 1e-7,
                    c + ": " + s.key() + " was not trained");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void survivesJsonAndModelSerializer(Case c, @TempDir File dir) throws Exception {
        MultiLayerConfiguration conf = mln(c, 9);
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()), c + " MLN JSON");
        ComputationGraphConfiguration gconf = graph(c, 9);
        assertEquals(gconf, ComputationGraphConfiguration.fromJson(gconf.toJson()), c + " CG JSON");

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet data = data(c, 64, 2);
        Data.train(net, data, 1);
        File file = new File(dir, "net.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.getLayer(0).conf().getLayer().getClass(), restored.getLayer(0).conf().getLayer().getClass());
        assertEquals(net.params(), restored.params());
        assertEquals(net.output(data.getFeatures(), false), restored.output(data.getFeatures(), false), c + " outputs");
    }

    /**
     * A layer's flat parameter vector, given back to a fresh layer with {@code setParams} (as DL4J's TransferLearning
     * and users do), sets every parameter as it was: the flat vector is read in the order the views were made.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void setParamsReadsTheFlatVectorAsParamsWritesIt(Case c) {
        MultiLayerNetwork trained = new MultiLayerNetwork(mln(c, 10));
        trained.init();
        Data.train(trained, data(c, 64, 3), 1);
        MultiLayerNetwork fresh = new MultiLayerNetwork(mln(c, 11));
        fresh.init();
        fresh.getLayer(0).setParams(trained.getLayer(0).params().dup());
        for (Map.Entry<String, INDArray> p : trained.getLayer(0).paramTable().entrySet()) {
            assertEquals(p.getValue(), fresh.getLayer(0).getParam(p.getKey()), c + ": parameter " + p.getKey());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void passesTheNumericalGradientCheckWithRealInputs(Case c) {
        DataType previous = Nd4j.dataType();
        DataType previousFloating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(12)
                    .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                    .convolutionMode(ConvolutionMode.Same)
                    .list()
                    .layer(c.build(3, new Identity()))
                    .layer(c.convolution() ? new GlobalPoolingLayer.Builder(PoolingType.AVG).build()
                            : new ActivationLayer.Builder().activation(Activation.TANH).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                    .setInputType(c.inputType()).build());
            net.init();
            for (QuantizerParameterSlot s : ((QuantizedLayer) net.getLayer(0).conf().getLayer()).quantizerParameterSlots()) {
                net.getLayer(0).getParam(s.key()).assign(0.8); // away from 1, so a missing factor shows
            }
            INDArray x = c.convolution() ? Nd4j.rand(DataType.DOUBLE, 4, CHANNELS, SIZE, SIZE).subi(0.5)
                    : Nd4j.rand(DataType.DOUBLE, 4, FEATURES).subi(0.5);
            INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 3);
            for (int i = 0; i < 4; i++) y.putScalar(i, i % 3, 1);
            Set<String> excluded = c.differentiableKernel() ? Set.of() : Set.of("0_W", "0_pW");
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                    .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).excludeParams(excluded));
            assertTrue(ok, c + ": gradient check (excluded " + excluded + ")");
        } finally {
            Nd4j.setDefaultDataTypes(previous, previousFloating);
        }
    }

    /** Binarized input and real input variants, in both network kinds: the runtime agrees with DL4J. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportedModelAgreesWithDl4j(Case c) throws Exception {
        DataSet train = data(c, 256, 3);
        INDArray test = data(c, 300, 4).getFeatures();
        MultiLayerNetwork mln = new MultiLayerNetwork(mln(c, 10));
        mln.init();
        Data.train(mln, train, 2);
        Equivalence.compare(mln, c.inputType(), test);
        ComputationGraph cg = new ComputationGraph(graph(c, 11));
        cg.init();
        Data.train(cg, train, 2);
        Equivalence.compare(cg, c.inputType(), test);
    }

    // ---- the networks every case is tried in ----

    /**
     * real input -> layer (real input) -> BN -> layer (binarizing its input itself, as in Larq) -> BN -> [pool] ->
     * softmax. (No sign activation before the second layer: ApproxSign's gradient is 0 at ±1.)
     */
    private static MultiLayerConfiguration mln(Case c, long seed) {
        NeuralNetConfiguration.ListBuilder list = base(seed).list()
                .layer(named(c.build(4, null), "first"))
                .layer(new BatchNormalization.Builder().build())
                .layer(named(c.build(4, signInput(c)), "second"))
                .layer(new BatchNormalization.Builder().build());
        if (c.convolution()) {
            list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        }
        return list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(c.inputType()).build();
    }

    private static ComputationGraphConfiguration graph(Case c, long seed) {
        ComputationGraphConfiguration.GraphBuilder g = base(seed).graphBuilder().addInputs("in")
                .addLayer("first", c.build(4, null), "in")
                .addLayer("bn0", new BatchNormalization.Builder().build(), "first")
                .addLayer("second", c.build(4, signInput(c)), "bn0")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "second");
        String last = "bn1";
        if (c.convolution()) {
            g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn1");
            last = "pool";
        }
        return g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), last)
                .setOutputs("out").setInputTypes(c.inputType()).build();
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-2)).convolutionMode(ConvolutionMode.Same);
    }

    private static Layer named(Layer layer, String name) {
        layer.setLayerName(name);
        return layer;
    }

    private static DataSet data(Case c, int n, long seed) {
        return c.convolution() ? Data.images(n, CHANNELS, SIZE, seed) : Data.clusters(n, FEATURES, CLASSES, seed);
    }

    private static Case dense(String name, BiFunction<Integer, Quantizer, Layer> make, boolean differentiable) {
        return new Case(name, false, make, differentiable);
    }

    private static Case conv(String name, BiFunction<Integer, Quantizer, Layer> make, boolean differentiable) {
        return new Case(name, true, make, differentiable);
    }
}
