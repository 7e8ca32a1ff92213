package org.bnn4j.export;

import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.importer.NetworkImporter;
import org.bnn4j.export.rewrite.Rewrites;
import org.bnn4j.export.rewrite.SpecEmitter;
import org.bnn4j.nn.conf.BnnConfigValidator;
import org.bnn4j.runtime.format.EncodedModel;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelWriter;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Exports a trained network to bnn4j's packed format ({@code docs/FORMAT.md}) for the dependency-free runtime
 * ({@code org.bnn4j.runtime.BnnModel}). Binary weights become bits, BatchNorm followed by a sign becomes integer
 * thresholds, BatchNorm before real-valued outputs and XNOR-Net scales become one multiply-add, full-precision
 * layers stay float32. The work is an ordered list of graph rewrites ({@link Rewrites#standard()}) between an
 * import step and the format writer. Anything the format cannot express exactly is a {@link BnnExportException}
 * naming the layer.
 *
 * <p>Supported: BinaryDenseLayer, XnorConvolutionLayer, TernaryDenseLayer, TernaryConvolutionLayer (their
 * trained kernel {+Wp, 0, -Wn}), DenseLayer, ConvolutionLayer, OutputLayer, LossLayer, BatchNormalization,
 * ActivationLayer (sign, relu, relu6, hardtanh, leakyrelu, tanh, sigmoid, softmax, identity), SubsamplingLayer
 * (max, avg), GlobalPoolingLayer (max, avg, sum), DropoutLayer, ElementWiseVertex(Add), CnnToFeedForward and
 * FeedForwardToCnn preprocessors. NCHW data only. Any kernel quantizer of precision 2 exports as ternary weights
 * (TTQ-style differing positive and negative magnitudes included).
 *
 * <pre>{@code
 * MultiLayerNetwork net = ...;                      // trained
 * BnnSummary summary = BnnExporter.export(net, Path.of("mlp.bnn"));
 * System.out.println(summary);                      // per-layer parameters, sizes, MACs
 *
 * ComputationGraph resnet = ...;                    // image input: DL4J does not store its size
 * BnnExporter.export(resnet, InputType.convolutional(32, 32, 3), Path.of("resnet.bnn"));
 * }</pre>
 */
public final class BnnExporter {
    /** Written into every file's producer field. */
    public static final String PRODUCER = "bnn4j 0.1.0";

    private BnnExporter() {
    }

    /** Exports a network whose input type can be inferred (feed-forward, or flattened images). */
    public static BnnSummary export(MultiLayerNetwork net, Path file) throws IOException {
        return export(net, null, file);
    }

    /** @param inputType the network's input; null to infer it */
    public static BnnSummary export(MultiLayerNetwork net, InputType inputType, Path file) throws IOException {
        ExportedModel model = convert(net, inputType);
        model.writeTo(file);
        return model.summary();
    }

    public static BnnSummary export(ComputationGraph net, Path file) throws IOException {
        return export(net, null, file);
    }

    /** @param inputType the network's input; null to infer it */
    public static BnnSummary export(ComputationGraph net, InputType inputType, Path file) throws IOException {
        ExportedModel model = convert(net, inputType);
        model.writeTo(file);
        return model.summary();
    }

    /** Everything {@code export} does except writing the file. */
    public static ExportedModel convert(MultiLayerNetwork net, InputType inputType) {
        BnnConfigValidator.check(net.getLayerWiseConfigurations()); // logs each problem as a warning
        return convert(NetworkImporter.importNetwork(net, inputType));
    }

    public static ExportedModel convert(ComputationGraph net, InputType inputType) {
        BnnConfigValidator.check(net.getConfiguration()); // logs each problem as a warning
        return convert(NetworkImporter.importNetwork(net, inputType));
    }

    /** Rewrites an imported graph and encodes it. */
    public static ExportedModel convert(ExportGraph imported) {
        ExportGraph rewritten = Rewrites.applyAll(imported).pruned();
        ModelSpec spec = SpecEmitter.emit(rewritten, PRODUCER);
        EncodedModel encoded = ModelWriter.encode(spec);
        return new ExportedModel(rewritten, spec, encoded, BnnSummary.of(rewritten, spec, encoded));
    }
}
