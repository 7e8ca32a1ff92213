package org.bnn4j.keras;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import java.util.List;

/**
 * Makes an imported network trainable in DL4J. Keras keeps the loss apart from the model, so
 * {@link BnnKerasImport} returns a network that ends without one; this appends a {@link LossLayer} (named
 * {@value #LOSS_LAYER}) after its output and gives every layer the updater and seed to train with (DL4J's
 * {@link TransferLearning}, so weights, quantizers and {@code weight_clip} constraints are kept as imported).
 *
 * <pre>{@code
 * ComputationGraph imported = BnnKerasImport.importModelAndWeights(Path.of("larq-model.h5"));
 * ComputationGraph trainable = FineTuning.withLoss(imported, new LossMCXENT(), new Adam(1e-4), 42);
 * trainable.fit(nhwcImages);           // the Keras model's own input layout
 * BnnExporter.export(trainable, Path.of("fine-tuned.bnn"));
 * }</pre>
 *
 * <p>Cross-entropy (MCXENT or negative log-likelihood) is computed by the loss layer with its own softmax, which
 * keeps the gradient finite where a probability rounds to 0 (a saturated binary classifier gives many): when the
 * model ends with a softmax (a layer whose activation is softmax, as most Keras classifiers do) that activation
 * moves into the loss layer, so the outputs stay the same probabilities. Any other loss (hinge, squared hinge,
 * ...) is taken on the logits, so a model that ends with a softmax is refused for it.
 */
public final class FineTuning {
    /** The name of the loss layer appended to a ComputationGraph. */
    public static final String LOSS_LAYER = "bnn4j_loss";

    private FineTuning() {
    }

    /** {@code imported} with a loss layer after its single output, training with {@code updater}. */
    public static ComputationGraph withLoss(ComputationGraph imported, ILossFunction loss, IUpdater updater, long seed) {
        List<String> outputs = imported.getConfiguration().getNetworkOutputs();
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("The network has " + outputs.size() + " outputs " + outputs
                    + "; fine-tuning adds a loss to a network with one output");
        }
        String output = outputs.get(0);
        boolean softmax = endsWithSoftmax(outputLayer(imported, output));
        ComputationGraph net = new TransferLearning.GraphBuilder(imported)
                .fineTuneConfiguration(tuning(updater, seed))
                .addLayer(LOSS_LAYER, lossLayer(loss, softmax, output), output)
                .setOutputs(LOSS_LAYER)
                .build();
        if (softmax) {
            removeSoftmax(outputLayer(net, output));
        }
        return net;
    }

    private static Layer outputLayer(ComputationGraph graph, String output) {
        GraphVertex vertex = graph.getConfiguration().getVertices().get(output);
        return vertex instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
    }

    /** {@code imported} with a loss layer after its last layer, training with {@code updater}. */
    public static MultiLayerNetwork withLoss(MultiLayerNetwork imported, ILossFunction loss, IUpdater updater, long seed) {
        int lastIndex = imported.getnLayers() - 1;
        Layer last = imported.getLayer(lastIndex).conf().getLayer();
        boolean softmax = endsWithSoftmax(last);
        MultiLayerNetwork net = new TransferLearning.Builder(imported)
                .fineTuneConfiguration(tuning(updater, seed))
                .addLayer(lossLayer(loss, softmax, last.getLayerName()))
                .build();
        if (softmax) {
            removeSoftmax(net.getLayer(lastIndex).conf().getLayer());
        }
        return net;
    }

    private static FineTuneConfiguration tuning(IUpdater updater, long seed) {
        return new FineTuneConfiguration.Builder().updater(updater).seed(seed).build();
    }

    private static LossLayer lossLayer(ILossFunction loss, boolean softmaxOutput, String outputName) {
        boolean crossEntropy = loss instanceof LossMCXENT || loss instanceof LossNegativeLogLikelihood;
        if (softmaxOutput && !crossEntropy) {
            throw new IllegalArgumentException("The network's output '" + outputName + "' is a softmax; "
                    + loss.name() + " is taken on logits: use cross-entropy, or import a model that ends with logits");
        }
        return new LossLayer.Builder(loss).activation(crossEntropy ? Activation.SOFTMAX : Activation.IDENTITY).build();
    }

    /** The network's layers read their configuration at every call, so this takes effect at once. */
    private static void removeSoftmax(Layer last) {
        if (last instanceof BaseLayer b) {
            b.setActivationFn(new ActivationIdentity());
        } else {
            ((ActivationLayer) last).setActivationFn(new ActivationIdentity());
        }
    }

    private static boolean endsWithSoftmax(Layer last) {
        IActivation activation = last instanceof BaseLayer b ? b.getActivationFn()
                : last instanceof ActivationLayer a ? a.getActivationFn() : null;
        return activation instanceof ActivationSoftmax;
    }
}
