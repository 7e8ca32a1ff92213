package org.bnn4j.keras;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the DL4J network an {@link ImportPlan} describes, initializes it and sets every parameter: a
 * MultiLayerNetwork for a Sequential model, a ComputationGraph for any model.
 *
 * <pre>{@code
 * ComputationGraph graph = NetworkAssembler.graph(plan);
 * }</pre>
 */
final class NetworkAssembler {
    private NetworkAssembler() {
    }

    static MultiLayerNetwork multiLayer(ImportPlan plan) {
        if (!plan.model().sequential()) {
            throw new KerasImportException(plan.file() + ": not a Sequential model; use importModelAndWeights for a "
                    + "ComputationGraph");
        }
        NeuralNetConfiguration.ListBuilder list = base().list();
        int index = 0;
        for (MappedLayer m : plan.layers()) {
            if (m.layer() != null) {
                list.layer(index, m.layer());
                if (m.preProcessor() != null) {
                    list.inputPreProcessor(index, m.preProcessor());
                }
                index++;
            }
        }
        MultiLayerConfiguration conf = list.setInputType(StructuralLayerMapper.networkInputType(plan.inputs().get(0)))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        setParams(plan, net::getLayer);
        return net;
    }

    static ComputationGraph graph(ImportPlan plan) {
        ComputationGraphConfiguration.GraphBuilder g = base().graphBuilder();
        for (KerasTensor input : plan.inputs()) {
            g.addInputs(input.vertex());
        }
        g.setInputTypes(plan.inputs().stream().map(StructuralLayerMapper::networkInputType)
                .toArray(org.deeplearning4j.nn.conf.inputs.InputType[]::new));
        for (MappedLayer m : plan.layers()) {
            String[] inputs = m.inputs().toArray(new String[0]);
            if (m.layer() != null) {
                g.addLayer(m.name(), m.layer(), m.preProcessor(), inputs);
            } else if (m.vertex() != null) {
                g.addVertex(m.name(), m.vertex(), inputs);
            }
        }
        g.setOutputs(plan.outputs().stream().map(KerasTensor::vertex).toArray(String[]::new));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        setParams(plan, net::getLayer);
        return net;
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT);
    }

    private static void setParams(ImportPlan plan, Function<String, Layer> layers) {
        for (MappedLayer m : plan.layers()) {
            if (m.layer() == null) {
                continue;
            }
            Map<String, INDArray> values = plan.params().get(m.name());
            Layer layer = layers.apply(m.name());
            for (ParamSource p : m.params()) {
                INDArray target = layer.getParam(p.param());
                if (p.kerasName() == null) {
                    target.assign(p.constant());
                    continue;
                }
                INDArray value = values.get(p.param());
                if (target.length() != value.length()) {
                    throw new KerasImportException(plan.file() + ": " + m.keras().describe() + ", weight '"
                            + p.kerasName() + "': " + value.length() + " values for DL4J parameter '" + p.param()
                            + "' of shape " + Arrays.toString(target.shape()));
                }
                target.assign(value.reshape('c', target.shape()));
            }
        }
    }
}
