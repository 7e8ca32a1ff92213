package org.bnn4j.nn.conf.layers;

import lombok.EqualsAndHashCode;
import lombok.ToString;
import org.bnn4j.nn.layers.BatchNormLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;

/**
 * DL4J's {@link BatchNormalization}, with an inference pass that keeps every temporary inside DL4J's workspaces.
 *
 * <p>DL4J 1.0.0-M2.1's own layer copies {@code x - mean} and the normalized input out of the workspace on every
 * forward pass (it keeps them for a backward pass), also at inference, where nothing reads them: two input-sized
 * arrays per layer and call that only a garbage collection frees. A validation pass over a ResNet-20 leaves
 * gigabytes of them resident on a fast machine. {@link BatchNormLayer} computes inference output in the
 * activation workspace with the same float operations in the same order, so its output is bit-identical to
 * DL4J's; training is DL4J's code unchanged. Everything else (parameters, JSON fields, defaults, the exporter and
 * validator) is that of {@link BatchNormalization}: code that checks {@code instanceof BatchNormalization} sees it.
 *
 * <pre>{@code
 * graph.addLayer("bn1", new BatchNorm.Builder().decay(0.9).eps(1e-4).build(), "conv1");
 * // or convert a layer built elsewhere:
 * BatchNorm bn = BatchNorm.of(new BatchNormalization.Builder().eps(1e-3).build());
 * }</pre>
 */
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public class BatchNorm extends BatchNormalization {

    /** DL4J's defaults for a deserialized layer; used by JSON deserialization. */
    public BatchNorm() {
    }

    /**
     * The same layer configuration as {@code layer} (every field, including name, constraints and updater), with
     * bnn4j's inference pass. Returns {@code layer} itself when it already is a {@code BatchNorm}.
     */
    public static BatchNorm of(BatchNormalization layer) {
        return layer instanceof BatchNorm same ? same : copyFields(layer, new BatchNorm());
    }

    /** This configuration as DL4J's own {@link BatchNormalization} (e.g. for a stock-DL4J baseline). */
    public BatchNormalization toDl4j() {
        return copyFields(this, new BatchNormalization());
    }

    /** Copies every field from DL4J's class up to Layer: a hand-kept list would miss the next field DL4J adds. */
    private static <T extends BatchNormalization> T copyFields(BatchNormalization from, T to) {
        for (Class<?> c = BatchNormalization.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy field " + c.getSimpleName() + "." + f.getName()
                            + " of batch normalization layer '" + from.getLayerName() + "'", e);
                }
            }
        }
        @SuppressWarnings("unchecked")
        T copy = (T) to.clone(); // a deep copy: no constraint list or dropout shared with the source
        return copy;
    }

    @Override
    public BatchNorm clone() {
        return (BatchNorm) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNOutSet("BatchNorm", getLayerName(), layerIndex, getNOut());
        BatchNormLayer layer = new BatchNormLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /** DL4J's {@link BatchNormalization.Builder}, building a {@link BatchNorm}; see the class Javadoc. */
    public static class Builder extends BatchNormalization.Builder {
        @Override
        public BatchNorm build() {
            return of(super.build());
        }
    }
}
