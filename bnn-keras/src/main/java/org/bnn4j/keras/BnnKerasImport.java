package org.bnn4j.keras;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Imports models trained with Larq (TensorFlow/Keras 2 HDF5 files, both the TF <= 2.12 and the TF 2.13+
 * serialization) into DL4J networks of bnn4j layers, to evaluate, fine-tune, export to the packed format and run
 * on bnn4j's runtime. In the style of DL4J's {@code KerasModelImport}:
 *
 * <pre>{@code
 * MultiLayerNetwork net = BnnKerasImport.importSequentialModelAndWeights(Path.of("larq-model.h5"));
 * INDArray logits = net.output(imagesNhwc);              // [N, H, W, C], as the Keras model takes them
 * BnnExporter.export(net, Path.of("model.bnn"));         // the packed model takes NHWC too
 * ComputationGraph graph = BnnKerasImport.importModelAndWeights(Path.of("functional.h5"));
 * }</pre>
 *
 * <p><b>Why not DL4J's Keras import.</b> Neither DL4J's importer nor its HDF5 reader ({@code Hdf5Archive}) is used:
 * files are read by {@link Hdf5Reader} (which frees every HDF5 object it opens, even when a damaged file makes a call
 * fail), and the model configuration is read and mapped here. Its layer importers would have to be
 * subclassed per Larq layer anyway (registerCustomLayer), they reject Larq's {@code weight_clip} constraint unless
 * it is stripped from the JSON first, they know neither pad_values nor quantizers, and they build stock DL4J layers
 * (NHWC-aware, im2col) where bnn4j needs its own NCHW layers. Mapping the JSON directly gives one place per Keras
 * layer, exact error messages (file, layer, field) and no half-built network: every configuration is mapped, then
 * every weight is read and checked, before a network is created.
 *
 * <p><b>Semantics.</b> Latent float kernels become the bnn4j layers' latent weights; the quantizers apply at use, as
 * in Larq, with sign(0) = +1. HWIO kernels become [out, in, kH, kW], depthwise [kH, kW, in, mult] kernels
 * [in*mult, 1, kH, kW] (channel c*mult+m); a Dense after a Flatten gets its rows reordered from Keras' NHWC flatten
 * order to DL4J's NCHW one, so outputs are identical. Image inputs stay NHWC: an {@code NhwcToNchwPreProcessor} in
 * front of the first layer turns them into the NCHW bnn4j's layers use. The network has no loss layer (Keras
 * keeps the loss apart); add an output or loss layer to fine-tune. Keras regularizers are not imported.
 * Keras 3 {@code .keras} files are rejected with a message naming the file.
 *
 * @see KerasImportException
 */
public final class BnnKerasImport {
    private BnnKerasImport() {
    }

    /** A Sequential Keras model as a MultiLayerNetwork with its weights. */
    public static MultiLayerNetwork importSequentialModelAndWeights(Path file) {
        return load(file, NetworkAssembler::multiLayer);
    }

    /** Any supported Keras model (Sequential or Functional) as a ComputationGraph with its weights. */
    public static ComputationGraph importModelAndWeights(Path file) {
        return load(file, NetworkAssembler::graph);
    }

    private static <T> T load(Path file, Function<ImportPlan, T> assemble) {
        ImportPlan plan;
        try (KerasArchive archive = KerasArchive.open(file)) {
            plan = ImportPlan.of(archive);
        }
        try {
            return assemble.apply(plan);
        } catch (KerasImportException e) {
            throw e;
        } catch (RuntimeException e) { // DL4J's own checks of the assembled configuration
            throw new KerasImportException(plan.file() + ": the layers do not form a valid DL4J network ("
                    + e.getMessage() + ")", e);
        }
    }
}
