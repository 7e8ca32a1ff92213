package org.bnn4j.keras;

import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small Keras 2 HDF5 model files as Keras/h5py do: a {@code model_config} JSON attribute (fixed-length
 * string) at the root and float32 weights at {@code /model_weights/<layer>/<layer>/<name>:0}.
 *
 * <pre>{@code
 * new KerasH5Writer(true)
 *         .layer("InputLayer", "in", Map.of("batch_input_shape", Arrays.asList(null, 4)))
 *         .layer("QuantDense", "d", Map.of("units", 2), Map.of("kernel", kernel))
 *         .write(dir.resolve("m.h5"));
 * }</pre>
 */
public final class KerasH5Writer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean sequential;
    private boolean variableLengthStrings;
    private final List<Map<String, Object>> layers = new ArrayList<>();
    private final Map<String, Map<String, INDArray>> weights = new LinkedHashMap<>();
    private final List<String> outputs = new ArrayList<>();

    public KerasH5Writer(boolean sequential) {
        this.sequential = sequential;
    }

    public KerasH5Writer layer(String className, String name, Map<String, Object> config) {
        return layer(className, name, config, Map.of(), List.of());
    }

    public KerasH5Writer layer(String className, String name, Map<String, Object> config, Map<String, INDArray> w) {
        return layer(className, name, config, w, List.of());
    }

    /** A layer; for a functional model, the layers it reads. */
    public KerasH5Writer layer(String className, String name, Map<String, Object> config, Map<String, INDArray> w,
                        List<String> inbound) {
        Map<String, Object> c = new LinkedHashMap<>(config);
        c.put("name", name);
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("class_name", className);
        layer.put("config", c);
        if (!sequential) {
            layer.put("name", name);
            List<Object> node = new ArrayList<>();
            for (String in : inbound) {
                node.add(List.of(in, 0, 0, Map.of()));
            }
            layer.put("inbound_nodes", node.isEmpty() ? List.of() : List.of(node));
        }
        layers.add(layer);
        weights.put(name, w);
        return this;
    }

    /** Writes the string attributes as variable-length strings, as newer h5py versions do (Keras 2.13+ files). */
    KerasH5Writer variableLengthStrings() {
        variableLengthStrings = true;
        return this;
    }

    KerasH5Writer output(String name) {
        outputs.add(name);
        return this;
    }

    /** The model_config JSON of the layers added so far. */
    public String json() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "model");
        config.put("layers", layers);
        if (!sequential) {
            config.put("input_layers", layers.stream().filter(l -> "InputLayer".equals(l.get("class_name")))
                    .map(l -> List.of(l.get("name"), 0, 0)).toList());
            config.put("output_layers", outputs.stream().map(o -> List.of(o, 0, 0)).toList());
        }
        return JSON.writeValueAsString(Map.of("class_name", sequential ? "Sequential" : "Functional",
                "config", config));
    }

    public Path write(Path file) throws Exception {
        return write(file, json());
    }

    /** Writes the given model_config (possibly broken on purpose) with the weights added so far. */
    public Path write(Path file, String modelConfig) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File h5 = new H5File(file.toString(), hdf5.H5F_ACC_TRUNC);
            try {
                stringAttribute(h5, "model_config", modelConfig, variableLengthStrings);
                stringAttribute(h5, "keras_version", "2.10.0", variableLengthStrings);
                Group root = h5.createGroup("model_weights");
                for (Map.Entry<String, Map<String, INDArray>> layer : weights.entrySet()) {
                    Group outer = root.createGroup(layer.getKey());
                    Group inner = outer.createGroup(layer.getKey());
                    for (Map.Entry<String, INDArray> w : layer.getValue().entrySet()) {
                        dataSet(inner, w.getKey() + ":0", w.getValue());
                    }
                    inner.close();
                    outer.close();
                }
                root.close();
            } finally {
                h5.close();
            }
        }
        return file;
    }

    private static void stringAttribute(H5File h5, String name, String value, boolean variableLength) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StrType type = new StrType(PredType.C_S1(), variableLength ? hdf5.H5T_VARIABLE() : bytes.length);
        DataSpace scalar = new DataSpace(hdf5.H5S_SCALAR);
        Attribute a = h5.createAttribute(name, type, scalar);
        a.write(type, new BytePointer(bytes)); // a std::string: HDF5's C++ API writes it as the type says
        a.close();
        scalar.close();
        // closed here, under the lock: left to JavaCPP's deallocator it would be closed later from another thread,
        // and the hdf5 library is not thread-safe (a read of another test file then failed now and then)
        type.close();
    }

    private static void dataSet(Group group, String name, INDArray value) {
        long[] shape = value.shape();
        DataSpace space = new DataSpace(shape.length, shape);
        DataSet ds = group.createDataSet(name, PredType.NATIVE_FLOAT(), space);
        ds.write(new FloatPointer(value.dup('c').data().asFloat()), PredType.NATIVE_FLOAT());
        ds.close();
        space.close();
    }
}
