package org.bnn4j.zoo;

import org.bnn4j.nn.BatchNormUpgrade;
import org.bnn4j.pretrained.PretrainedCatalog;
import org.bnn4j.pretrained.PretrainedModel;
import org.bnn4j.pretrained.PretrainedModelException;
import org.bnn4j.pretrained.PretrainedModels;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The DL4J networks of the shipped pretrained models: ModelSerializer zips (without updater state) in this module's
 * resources under {@value #RESOURCE_ROOT}, checked against the size and SHA-256 their metadata in bnn-pretrained
 * records. {@link BnnZooModel#initPretrained(org.bnn4j.zoo.data.ImageDataset)} is the usual way in.
 *
 * <pre>{@code
 * ComputationGraph net = PretrainedNetworks.restore("xnor-resnet20-fashion-mnist", ComputationGraph.class);
 * }</pre>
 */
public final class PretrainedNetworks {
    /** Where the DL4J zips are on the class path: {@code RESOURCE_ROOT + name + ".zip"}. */
    public static final String RESOURCE_ROOT = "org/bnn4j/zoo/pretrained/";

    private PretrainedNetworks() {
    }

    /** The resource of the DL4J zip of the model {@code name}. */
    public static String resource(String name) {
        return RESOURCE_ROOT + name + ".zip";
    }

    /**
     * Restores a shipped model's DL4J network from the default catalog.
     *
     * @throws PretrainedModelException naming the model and file if it is unknown, has no DL4J zip, or its zip is
     *                                  missing, damaged or of another network type
     */
    public static <M extends Model> M restore(String name, Class<M> type) {
        return restore(PretrainedModels.catalog(), name, type);
    }

    /** As {@link #restore(String, Class)}, from the models {@code catalog} sees. */
    public static <M extends Model> M restore(PretrainedCatalog catalog, String name, Class<M> type) {
        PretrainedModel m = catalog.get(name);
        byte[] zip = catalog.read(m, PretrainedModel.DL4J);
        Model restored;
        try {
            restored = ComputationGraph.class.isAssignableFrom(type)
                    ? ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), false)
                    : ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
        } catch (IOException | RuntimeException e) {
            throw new PretrainedModelException(name, m.dl4jFile().orElseThrow().resource()
                    + " is not a " + type.getSimpleName() + " ModelSerializer zip (" + e.getMessage() + ")", e);
        }
        // The shipped zips hold DL4J's BatchNormalization; run them on BatchNorm (same outputs, no garbage).
        return type.cast(BatchNormUpgrade.of(restored));
    }
}
