package org.bnn4j.keras;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code model_config} JSON of a Keras 2 HDF5 file: whether the model is Sequential, its layers in order with
 * their inbound layers, and the model's output layers. Reads both serialization formats: TF <= 2.12 and TF 2.13+
 * (which add {@code module}, {@code registered_name} and {@code build_config}; ignored here, the class name is what
 * identifies a layer). A Sequential model's layers get the previous layer as their inbound layer.
 *
 * <pre>{@code
 * KerasModelConfig model = KerasModelConfig.parse("model.h5", json);
 * for (KerasLayerConfig layer : model.layers()) System.out.println(layer.describe());
 * }</pre>
 */
record KerasModelConfig(boolean sequential, List<KerasLayerConfig> layers, List<String> outputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static KerasModelConfig parse(String file, String json) {
        Map<String, Object> root;
        try {
            root = JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new KerasImportException(file + ": model_config is not valid JSON: " + e.getOriginalMessage(), e);
        }
        ConfigReader model = new ConfigReader(file, "model_config", root);
        String className = model.string("class_name", null);
        Object config = root.get("config");
        if ("Sequential".equals(className)) {
            // very old Keras stored a Sequential config as the bare list of layers
            Object layers = config instanceof Map<?, ?> m ? m.get("layers") : config;
            return sequential(file, layers(file, layers));
        }
        if ("Functional".equals(className) || "Model".equals(className)) {
            ConfigReader c = new ConfigReader(file, "model_config", (Map<String, Object>) config);
            List<KerasLayerConfig> layers = new ArrayList<>();
            for (Map<String, Object> layer : layers(file, c.raw("layers"))) {
                layers.add(layer(file, layer, inboundNames(file, layer)));
            }
            return new KerasModelConfig(false, layers, endpointNames(c, "output_layers"));
        }
        throw model.error("class_name", "expected a Sequential or Functional Keras model, got " + className);
    }

    private static KerasModelConfig sequential(String file, List<Map<String, Object>> raw) {
        List<KerasLayerConfig> layers = new ArrayList<>();
        for (Map<String, Object> layer : raw) {
            KerasLayerConfig parsed = layer(file, layer, List.of());
            if (layers.isEmpty() && !"InputLayer".equals(parsed.className())) {
                // a Sequential model without an InputLayer declares its input on the first layer
                layers.add(new KerasLayerConfig("InputLayer", parsed.name() + "_input", parsed.config(), List.of()));
            }
            List<String> previous = layers.isEmpty() ? List.of() : List.of(layers.get(layers.size() - 1).name());
            layers.add(new KerasLayerConfig(parsed.className(), parsed.name(), parsed.config(), previous));
        }
        if (layers.isEmpty()) {
            throw new KerasImportException(file + ": model_config has no layers");
        }
        return new KerasModelConfig(true, layers, List.of(layers.get(layers.size() - 1).name()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layers(String file, Object layers) {
        if (!(layers instanceof List<?> list)) {
            throw new KerasImportException(file + ": model_config has no list of layers");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map)) {
                throw new KerasImportException(file + ": model_config lists a layer that is not an object: " + o);
            }
            out.add((Map<String, Object>) o);
        }
        return out;
    }

    private static KerasLayerConfig layer(String file, Map<String, Object> layer, List<String> inbound) {
        ConfigReader top = new ConfigReader(file, "model_config layer", layer);
        String className = top.string("class_name", null);
        Map<String, Object> config = top.object("config");
        if (className == null || config == null) {
            throw top.error("class_name", "every layer needs a class_name and a config, got " + layer);
        }
        String name = top.string("name", new ConfigReader(file, className, config).string("name", null));
        if (name == null) {
            throw top.error("name", "the " + className + " layer has no name");
        }
        return new KerasLayerConfig(className, name, config, inbound);
    }

    /** inbound_nodes: legacy [[["conv1", 0, 0, {}], ...]]; any nested "keras_history": ["conv1", 0, 0] too. */
    private static List<String> inboundNames(String file, Map<String, Object> layer) {
        List<String> names = new ArrayList<>();
        Object nodes = layer.get("inbound_nodes");
        if (nodes instanceof List<?> list && list.size() > 1) {
            throw new KerasImportException(file + ": layer '" + layer.get("name")
                    + "' is called more than once (shared layers are not supported)");
        }
        collectInbound(nodes, names);
        return names;
    }

    private static void collectInbound(Object node, List<String> names) {
        if (node instanceof Map<?, ?> map) {
            Object history = map.get("keras_history");
            if (history instanceof List<?> h && !h.isEmpty() && h.get(0) instanceof String s) {
                names.add(s);
                return;
            }
            map.values().forEach(v -> collectInbound(v, names));
        } else if (node instanceof List<?> list) {
            if (!list.isEmpty() && list.get(0) instanceof String s && list.size() >= 3 && list.get(1) instanceof Number) {
                names.add(s);
                return;
            }
            list.forEach(v -> collectInbound(v, names));
        }
    }

    private static List<String> endpointNames(ConfigReader c, String field) {
        List<String> names = new ArrayList<>();
        collectInbound(c.raw(field), names);
        if (names.isEmpty()) {
            throw c.error(field, "no " + field + " in a Functional model");
        }
        return names;
    }
}
