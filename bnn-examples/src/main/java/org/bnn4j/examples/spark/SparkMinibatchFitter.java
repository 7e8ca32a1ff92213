package org.bnn4j.examples.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.bnn4j.examples.train.MinibatchFitter;
import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.spark.BnnParameterAveragingTrainingMaster;
import org.bnn4j.spark.SparkJvm;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Trains the trainer's minibatches on Spark in rounds: it collects {@code workers x averagingFrequency} minibatches,
 * hands each worker {@code averagingFrequency} of them, and lets {@link BnnParameterAveragingTrainingMaster} combine
 * the workers' networks into the driver's (Bop kernels by vote, everything else averaged). The driver's network is the
 * trainer's own, so validation, checkpoints and history work as in local training. After each round the network's
 * listeners (the progress bar) hear one iteration per minibatch, with the workers' mean loss of the round.
 *
 * <p>Rounds are formed here rather than by DL4J's random splits of a whole-epoch RDD so that progress, mid-epoch
 * checkpoints and the data order follow the trainer's minibatches; a round per {@code fit} costs one Spark job, which
 * is what DL4J's own splits cost as well.
 *
 * <pre>{@code
 * try (MinibatchFitter f = SparkMinibatchFitter.start(SparkMaster.parse("local[2]"), null, 5, 100, "bnn4j", System.out)) {
 *     new Trainer(System.out).fitter(f).train(network, train, validation, 10, schedule, dir, title, null);
 * }
 * }</pre>
 */
public final class SparkMinibatchFitter implements MinibatchFitter {
    private final JavaSparkContext sc;
    private final int workers;
    private final int averagingFrequency;
    private final TrainingMaster<?, ?> master;
    private final List<DataSet> pending = new ArrayList<>();
    private Model wrapped;
    private SparkDl4jMultiLayer sparkNet;
    private SparkComputationGraph sparkGraph;

    private SparkMinibatchFitter(JavaSparkContext sc, int workers, int averagingFrequency, int batchSize) {
        this.sc = sc;
        this.workers = workers;
        this.averagingFrequency = averagingFrequency;
        this.master = new BnnParameterAveragingTrainingMaster.Builder(workers, batchSize)
                .batchSizePerWorker(batchSize)
                .averagingFrequency(averagingFrequency)
                .rddTrainingApproach(RDDTrainingApproach.Direct)          // rounds are small: no export to files
                .repartionData(Repartition.NumPartitionsWorkersDiffers)   // each round is already one partition per worker
                .storageLevel(null)                                       // nothing to cache: each round's RDD is used once
                .build();
    }

    /**
     * Starts a Spark context on {@code master} (local masters bind to localhost and run without the web UI unless
     * {@code -Dspark.ui.enabled=true}) and reports the set-up on {@code out}.
     *
     * @param workers null: the local threads, or the cluster's default parallelism
     * @throws IllegalArgumentException if this JVM cannot run Spark (see {@link SparkJvm})
     */
    public static SparkMinibatchFitter start(SparkMaster master, Integer workers, int averagingFrequency, int batchSize,
                                             String appName, PrintStream out) {
        try {
            SparkJvm.checkUserName();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SparkConf conf = new SparkConf().setAppName(appName).setMaster(master.url());
        if (master.isLocal()) {
            conf.setIfMissing("spark.driver.host", "localhost").setIfMissing("spark.ui.enabled", "false");
        }
        JavaSparkContext sc = new JavaSparkContext(conf);
        int n = workers != null ? workers : master.isLocal() ? master.localThreads() : sc.defaultParallelism();
        out.printf(Locale.ROOT, "Spark %s: %d workers, combining every %d minibatches per worker (%d minibatches a round)%n",
                master, n, averagingFrequency, n * averagingFrequency);
        return new SparkMinibatchFitter(sc, n, averagingFrequency, batchSize);
    }

    @Override
    public void fit(NetworkAdapter network, DataSet batch) {
        pending.add(batch);
        if (pending.size() >= workers * averagingFrequency) {
            round(network);
        }
    }

    @Override
    public void flush(NetworkAdapter network) {
        if (!pending.isEmpty()) {
            round(network);
        }
    }

    private void round(NetworkAdapter network) {
        JavaRDD<DataSet> data = sc.parallelize(new ArrayList<>(pending), Math.min(workers, pending.size()));
        Model model = network.model();
        double score;
        if (model instanceof MultiLayerNetwork net) {
            if (wrapped != model) {
                sparkNet = new SparkDl4jMultiLayer(sc, net, master);
                wrapped = model;
            }
            int epoch = net.getEpochCount();
            sparkNet.fit(data);
            net.getLayerWiseConfigurations().setEpochCount(epoch); // fit(rdd) counts an epoch; a round is not one
            score = sparkNet.getScore();
        } else {
            ComputationGraph graph = (ComputationGraph) model;
            if (wrapped != model) {
                sparkGraph = new SparkComputationGraph(sc, graph, master);
                wrapped = model;
            }
            int epoch = graph.getEpochCount();
            sparkGraph.fit(data);
            graph.getConfiguration().setEpochCount(epoch);
            score = sparkGraph.getScore();
        }
        report(model, score, pending.size(), pending.get(pending.size() - 1));
        pending.clear();
    }

    /** One iteration per minibatch of the round for the network's listeners, as local training would call them. */
    private static void report(Model model, double score, int minibatches, DataSet last) {
        Collection<TrainingListener> listeners;
        int iteration;
        int epoch;
        if (model instanceof MultiLayerNetwork net) {
            net.setScore(score);
            net.setInput(last.getFeatures()); // listeners read the batch size from the input or labels
            net.setLabels(last.getLabels());
            listeners = net.getListeners();
            iteration = net.getIterationCount();
            epoch = net.getEpochCount();
        } else {
            ComputationGraph graph = (ComputationGraph) model;
            graph.setScore(score);
            graph.setInputs(last.getFeatures());
            graph.setLabels(last.getLabels());
            listeners = graph.getListeners();
            iteration = graph.getIterationCount();
            epoch = graph.getEpochCount();
        }
        if (listeners != null) {
            for (TrainingListener l : listeners) {
                for (int i = 0; i < minibatches; i++) {
                    l.iterationDone(model, iteration, epoch);
                }
            }
        }
        model.clear(); // the driver holds no activations between rounds
    }

    @Override
    public void close() {
        sc.stop();
    }
}
