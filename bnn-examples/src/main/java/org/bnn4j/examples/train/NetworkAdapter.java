package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.ModelFileException;
import org.bnn4j.nn.optimize.DeepFrankWolfe;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * One face for the two DL4J network types, so training and evaluation code need not care which one a
 * zoo model is.
 */
public final class NetworkAdapter {
    private final Model model;

    public NetworkAdapter(Model model) {
        if (!(model instanceof MultiLayerNetwork) && !(model instanceof ComputationGraph)) {
            throw new IllegalArgumentException("Expected a MultiLayerNetwork or ComputationGraph, got " + model.getClass().getName());
        }
        this.model = model;
    }

    /**
     * Restores the network of a ModelSerializer zip of either type, for evaluation and export (without its updater
     * state), after checking the file (see {@link ModelZipReader}).
     *
     * @throws ModelFileException naming the file and what is wrong with it: missing, not a zip, damaged, or
     *                            parameters that do not fit the configuration
     */
    public static NetworkAdapter restore(File file) {
        return new NetworkAdapter(ModelZipReader.restore(file.toPath()));
    }

    private DeepFrankWolfe deepFrankWolfe;

    public Model model() {
        return model;
    }

    /** Trains with Deep Frank-Wolfe instead of the network's updater from now on; null: the updater again. */
    public void useDeepFrankWolfe(DeepFrankWolfe dfw) {
        this.deepFrankWolfe = dfw;
    }

    /** The Deep Frank-Wolfe trainer in use, or null (the network's updater trains). */
    public DeepFrankWolfe deepFrankWolfe() {
        return deepFrankWolfe;
    }

    /** One training step on one minibatch: the network's updaters, or Deep Frank-Wolfe's step when it is used. */
    public void fitBatch(org.nd4j.linalg.dataset.DataSet batch) {
        if (deepFrankWolfe == null) {
            ((NeuralNetwork) model).fit(batch);
        } else if (model instanceof MultiLayerNetwork net) {
            deepFrankWolfe.step(net, batch);
        } else {
            deepFrankWolfe.step((ComputationGraph) model, new org.nd4j.linalg.dataset.MultiDataSet(batch.getFeatures(),
                    batch.getLabels(), batch.getFeaturesMaskArray(), batch.getLabelsMaskArray()));
        }
    }

    /** Counts an epoch done by {@link #fitBatch} calls, as DL4J's fit(iterator) does: epoch-based schedules read it. */
    public void endEpoch() {
        if (model instanceof MultiLayerNetwork) {
            ((MultiLayerNetwork) model).incrementEpochCount();
        } else {
            ((ComputationGraph) model).incrementEpochCount();
        }
    }

    public int iterationCount() {
        return model instanceof MultiLayerNetwork
                ? ((MultiLayerNetwork) model).getIterationCount()
                : ((ComputationGraph) model).getIterationCount();
    }

    /**
     * A digest of the network's configuration JSON (layers, sizes, updater, schedule), taken from a freshly
     * created network: equal for networks built from the same options, so resuming can tell a different model.
     */
    public String configurationSignature() {
        String json = model instanceof MultiLayerNetwork
                ? ((MultiLayerNetwork) model).getLayerWiseConfigurations().toJson()
                : ((ComputationGraph) model).getConfiguration().toJson();
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public INDArray output(INDArray features) {
        return model instanceof MultiLayerNetwork
                ? ((MultiLayerNetwork) model).output(features)
                : ((ComputationGraph) model).outputSingle(features);
    }

    /**
     * Accuracy and per-class metrics in inference mode. Evaluated batch by batch on {@link #output} rather than with
     * DL4J's doEvaluation, which refuses networks without an output layer (an imported Keras model has none).
     */
    public Evaluation evaluate(DataSetIterator data, List<String> labels) {
        data.reset();
        Evaluation evaluation = new Evaluation(labels, 1);
        while (data.hasNext()) {
            org.nd4j.linalg.dataset.DataSet batch = data.next();
            evaluation.eval(batch.getLabels(), output(batch.getFeatures()));
        }
        return evaluation;
    }

    /** A validation set's accuracy (and per-class metrics) and mean loss. */
    public record Validation(Evaluation evaluation, double meanLoss) {
    }

    /**
     * {@link #evaluate} and {@link #meanLoss} in one inference pass when the loss can be computed from the outputs
     * ({@link OutputScorer}: softmax and identity output layers, every zoo model), else the two passes.
     */
    public Validation validate(DataSetIterator data, List<String> labels) {
        var scorer = OutputScorer.of(model);
        if (scorer.isEmpty()) {
            return new Validation(evaluate(data, labels), meanLoss(data));
        }
        data.reset();
        Evaluation evaluation = new Evaluation(labels, 1);
        double sum = 0;
        long n = 0;
        while (data.hasNext()) {
            org.nd4j.linalg.dataset.DataSet batch = data.next();
            INDArray out = output(batch.getFeatures());
            evaluation.eval(batch.getLabels(), out);
            sum += scorer.get().sum(batch.getLabels(), out);
            n += batch.numExamples();
        }
        return new Validation(evaluation, n == 0 ? Double.NaN : sum / n);
    }

    /** Mean loss over a data set (inference mode, regularization excluded). */
    public double meanLoss(DataSetIterator data) {
        data.reset();
        double sum = 0;
        long n = 0;
        while (data.hasNext()) {
            org.nd4j.linalg.dataset.DataSet batch = data.next();
            long size = batch.numExamples();
            double loss = model instanceof MultiLayerNetwork
                    ? ((MultiLayerNetwork) model).score(batch, false)
                    : ((ComputationGraph) model).score(batch, false);
            sum += loss * size;
            n += size;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public void addListener(TrainingListener listener) {
        model.addListeners(listener);
    }

    public double score() {
        return model.score();
    }

    public long numParams() {
        return model.numParams();
    }

    public int epochCount() {
        return model instanceof MultiLayerNetwork
                ? ((MultiLayerNetwork) model).getEpochCount()
                : ((ComputationGraph) model).getConfiguration().getEpochCount();
    }

    public String summary() {
        return model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).summary() : ((ComputationGraph) model).summary();
    }

    /**
     * Writes a ModelSerializer zip (with updater state) atomically (see {@link AtomicFiles}), with the input
     * preparation recorded in it when {@code metadata} is not null.
     */
    public void save(File file, DataMetadata metadata) throws IOException {
        AtomicFiles.write(file.toPath(), tmp -> {
            ModelSerializer.writeModel(model, tmp.toFile(), true);
            if (metadata != null) {
                metadata.writeTo(tmp.toFile());
            }
        });
    }
}
