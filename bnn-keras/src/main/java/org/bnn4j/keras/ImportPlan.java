package org.bnn4j.keras;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A whole Keras model mapped to DL4J, in two passes that fail before any network exists: first every layer's
 * configuration is mapped (an unsupported layer fails before any weight is read), then every weight is read,
 * checked against the shape the configuration implies and converted to bnn4j's layout.
 *
 * <pre>{@code
 * try (KerasArchive archive = KerasArchive.open(path)) {
 *     ImportPlan plan = ImportPlan.of(archive);
 *     MultiLayerNetwork net = NetworkAssembler.multiLayer(plan);
 * }
 * }</pre>
 *
 * @param file    the file, for messages
 * @param model   the parsed model configuration
 * @param layers  the mapped layers in Keras' order
 * @param inputs  the network inputs
 * @param outputs the DL4J vertices holding the model's outputs
 * @param params  per DL4J layer name: parameter key to its value in bnn4j's layout
 */
record ImportPlan(String file, KerasModelConfig model, List<MappedLayer> layers, List<KerasTensor> inputs,
                  List<KerasTensor> outputs, Map<String, Map<String, INDArray>> params) {

    static ImportPlan of(KerasArchive archive) {
        String file = archive.file();
        KerasModelConfig model = archive.modelConfig();
        KerasLayerMapper mapper = new KerasLayerMapper(file);
        Map<String, KerasTensor> tensors = new HashMap<>();
        List<MappedLayer> layers = new ArrayList<>();
        List<KerasTensor> inputs = new ArrayList<>();
        for (KerasLayerConfig k : model.layers()) {
            if (tensors.containsKey(k.name())) {
                throw new KerasImportException(file + ": two layers are named '" + k.name() + "'");
            }
            List<KerasTensor> in = new ArrayList<>();
            for (String name : k.inbound()) {
                in.add(require(file, tensors, name, k.describe() + " reads"));
            }
            MappedLayer m = map(file, mapper, k, in);
            if ("InputLayer".equals(k.className())) {
                inputs.add(m.output());
            }
            tensors.put(k.name(), m.output());
            layers.add(m);
        }
        List<KerasTensor> outputs = new ArrayList<>();
        for (String name : model.outputs()) {
            KerasTensor out = require(file, tensors, name, "the model output");
            if (out.pending() != null) {
                throw new KerasImportException(file + ": the model output '" + name + "' is a Flatten or the input "
                        + "itself; end the model with a layer that computes something");
            }
            outputs.add(out);
        }
        Map<String, Map<String, INDArray>> params = new LinkedHashMap<>();
        for (MappedLayer m : layers) {
            if (m.createsVertex()) {
                params.put(m.name(), read(file, m, archive.weights(m.name())));
            }
        }
        return new ImportPlan(file, model, layers, inputs, outputs, params);
    }

    private static KerasTensor require(String file, Map<String, KerasTensor> tensors, String name, String what) {
        KerasTensor t = tensors.get(name);
        if (t == null) {
            throw new KerasImportException(file + ": " + what + " layer '" + name + "', which is not defined before it");
        }
        return t;
    }

    /** A layer's weights, each present, of the configured shape, converted; an unexpected extra weight is an error. */
    private static Map<String, INDArray> read(String file, MappedLayer m, Map<String, INDArray> weights) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        Set<String> used = new TreeSet<>();
        for (ParamSource p : m.params()) {
            if (p.kerasName() == null) {
                continue;
            }
            INDArray w = weights.get(p.kerasName());
            String where = file + ": " + m.keras().describe() + ", weight '" + p.kerasName() + "'";
            if (w == null) {
                throw new KerasImportException(where + " is missing (the file has " + weights.keySet() + ")");
            }
            if (!Arrays.equals(w.shape(), p.kerasShape())) {
                throw new KerasImportException(where + " has shape " + Arrays.toString(w.shape())
                        + " but the layer's config implies " + Arrays.toString(p.kerasShape()));
            }
            out.put(p.param(), p.convert().apply(w.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)));
            used.add(p.kerasName());
        }
        Set<String> extra = new TreeSet<>(weights.keySet());
        extra.removeAll(used);
        if (!extra.isEmpty()) {
            throw new KerasImportException(file + ": " + m.keras().describe() + " has weights " + extra
                    + " that its config does not explain (expected " + used + ")");
        }
        return out;
    }

    /**
     * One layer's mapping. DL4J's builders check values too (a pool size of 0, a negative stride) and throw their
     * own exceptions: those are reported as the layer's, with the file, like every other import failure.
     */
    private static MappedLayer map(String file, KerasLayerMapper mapper, KerasLayerConfig k, List<KerasTensor> in) {
        try {
            return mapper.map(k, in);
        } catch (KerasImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KerasImportException(file + ": " + k.describe() + ": invalid configuration (" + e.getMessage()
                    + ")", e);
        }
    }
}
