package org.bnn4j.export.importer;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.AddNode;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.SourceLayer;
import org.bnn4j.nn.conf.preprocessor.NhwcToNchwPreProcessor;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a trained {@link MultiLayerNetwork} or {@link ComputationGraph} into an {@link ExportGraph}, one node per
 * layer, vertex and preprocessor, in DL4J's execution order. DL4J does not store a network's input type in its
 * configuration; it is inferred for feed-forward inputs and for flattened images (a FeedForwardToCnn preprocessor
 * on the first layer), and must be given for image inputs.
 *
 * <pre>{@code
 * ExportGraph g = NetworkImporter.importNetwork(net, InputType.convolutional(28, 28, 1));
 * }</pre>
 */
public final class NetworkImporter {
    private NetworkImporter() {
    }

    /** @param inputType null to infer it (feed-forward and flattened-image inputs only) */
    public static ExportGraph importNetwork(MultiLayerNetwork net, InputType inputType) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        InputType type = inputType != null ? inputType
                : infer(conf.getConf(0).getLayer(), conf.getInputPreProcess(0), "MultiLayerNetwork");
        GraphBuilder graph = new GraphBuilder("input", type);
        LayerImporter layers = new LayerImporter(graph);
        String value = "input";
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() != null ? layer.getLayerName() : "layer" + i;
            value = layers.preprocess(name, conf.getInputPreProcess(i), value, name + "/preprocess");
            value = layers.importLayer(name, i, layer, net.getLayer(i).paramTable(), value);
        }
        return graph.build(value);
    }

    /** @param inputType null to infer it (feed-forward and flattened-image inputs only) */
    public static ExportGraph importNetwork(ComputationGraph net, InputType inputType) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new BnnExportException("ComputationGraph: only graphs with one input and one output can be exported, "
                    + "this one has inputs " + conf.getNetworkInputs() + " and outputs " + conf.getNetworkOutputs());
        }
        String input = conf.getNetworkInputs().get(0);
        InputType type = inputType != null ? inputType : inferGraphInput(conf, input);
        GraphBuilder graph = new GraphBuilder(input, type);
        LayerImporter layers = new LayerImporter(graph);
        int[] order = net.topologicalSortOrder();
        for (int index : order) {
            String name = net.getVertices()[index].getVertexName();
            if (conf.getNetworkInputs().contains(name)) {
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(name);
            List<String> inputs = conf.getVertexInputs().get(name);
            String where = "vertex '" + name + "' (" + vertex.getClass().getSimpleName() + ")";
            if (vertex instanceof LayerVertex lv) {
                String in = layers.preprocess(name, lv.getPreProcessor(), single(inputs, where), name + "/preprocess");
                layers.importLayer(name, index, lv.getLayerConf().getLayer(), net.getLayer(name).paramTable(), in);
            } else if (vertex instanceof PreprocessorVertex pv) {
                layers.preprocess(name, pv.getPreProcessor(), single(inputs, where), name);
            } else if (vertex instanceof ElementWiseVertex ew) {
                if (ew.getOp() != ElementWiseVertex.Op.Add) {
                    throw new BnnExportException(where + ": element-wise " + ew.getOp() + " is not supported, only Add");
                }
                List<InputType> types = new ArrayList<>();
                inputs.forEach(v -> types.add(graph.type(v)));
                InputType out = ew.getOutputType(index, types.toArray(new InputType[0]));
                graph.add(name, inputs, new AddNode(), out, List.of(new SourceLayer(name, "ElementWiseVertex", 0, 0, 0)));
            } else {
                throw new BnnExportException(where + ": this vertex type is not supported; supported: layers, "
                        + "ElementWiseVertex(Add), PreprocessorVertex");
            }
        }
        return graph.build(conf.getNetworkOutputs().get(0));
    }

    private static String single(List<String> inputs, String where) {
        if (inputs == null || inputs.size() != 1) {
            throw new BnnExportException(where + ": expected one input, got " + inputs);
        }
        return inputs.get(0);
    }

    /**
     * The input type the exporter infers for a one-input graph (from its first layer, or from the input type an
     * {@code NhwcToNchwPreProcessor} records), for callers that must feed it data.
     *
     * @throws BnnExportException if the configuration does not imply it
     */
    public static InputType inferInputType(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1) {
            throw new BnnExportException("ComputationGraph: expected one input, got " + conf.getNetworkInputs());
        }
        return inferGraphInput(conf, conf.getNetworkInputs().get(0));
    }

    private static InputType inferGraphInput(ComputationGraphConfiguration conf, String input) {
        for (String name : conf.getVertexInputs().keySet()) {
            if (conf.getVertexInputs().get(name).contains(input) && conf.getVertices().get(name) instanceof LayerVertex lv) {
                return infer(lv.getLayerConf().getLayer(), lv.getPreProcessor(), "ComputationGraph");
            }
        }
        throw new BnnExportException("ComputationGraph: cannot infer the input type; pass it to the exporter");
    }

    /** The input type a first layer implies, when it does. */
    private static InputType infer(Layer first, InputPreProcessor preprocessor, String what) {
        if (preprocessor instanceof FeedForwardToCnnPreProcessor p) {
            return InputType.convolutionalFlat(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        }
        if (preprocessor instanceof NhwcToNchwPreProcessor p && p.inputType() != null) {
            return p.inputType();
        }
        boolean denseLike = first instanceof FeedForwardLayer ff && ff.getNIn() > 0
                && !(first instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer)
                && !(first instanceof BatchNormalization);
        if (preprocessor == null && denseLike) {
            return InputType.feedForward(((FeedForwardLayer) first).getNIn());
        }
        throw new BnnExportException(what + ": DL4J does not store the input's height and width in the configuration; "
                + "pass the input type, e.g. BnnExporter.export(net, InputType.convolutional(28, 28, 1), path)");
    }
}
