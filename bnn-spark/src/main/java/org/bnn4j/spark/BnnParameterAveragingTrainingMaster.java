package org.bnn4j.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.RepartitionStrategy;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * DL4J's parameter averaging for bnn4j models: every parameter is combined as its kind needs. Each round, the
 * driver broadcasts the network (configuration, parameters, updater state), every worker fits
 * {@code averagingFrequency} minibatches of its partition, and the driver combines the workers' networks:
 * <ul>
 *   <li><b>Bop-trained binary kernels</b> ({@link BopKernels}) by a majority vote of signs ({@link SignVote}); a tie
 *       keeps the sign the round started from. Plain averaging would leave the mean of +1 and -1, an exact 0 that Bop
 *       never flips again (measured: 42-50 of 96 weights with 2 workers).</li>
 *   <li><b>Everything real-valued</b> by averaging, as DL4J does: latent weights (XNOR, BinaryNet with Adam, TTQ),
 *       biases, TTQ's scales Wp/Wn, BatchNorm's gamma, beta, mean and variance.</li>
 *   <li><b>Updater state</b> by averaging, always (this builder turns DL4J's {@code saveUpdater} on): Adam's moments
 *       and Bop's gradient moving averages m, so a worker's next round starts from the mean evidence for each flip.</li>
 * </ul>
 *
 * <p><b>What a flip means with N workers.</b> A binary weight changes sign in the combined network when more than
 * N/2 of the workers that trained in the round end it with the new sign, i.e. when a majority of workers saw enough
 * gradient evidence on their own data (|m| > tau against the sign) within the round. With N = 1 this is exactly
 * Bop. A worker may flip a weight and flip it back within one round; only its sign at the end of the round votes.
 * Since every worker sees 1/N of the data per round, flips become rarer as N grows at a fixed averaging frequency:
 * raising gamma (or lowering tau) compensates.
 *
 * <p>Use it wherever DL4J's {@link ParameterAveragingTrainingMaster} goes; the builder takes the same options:
 * <pre>{@code
 * JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("bnn"));
 * TrainingMaster<?, ?> tm = new BnnParameterAveragingTrainingMaster.Builder(2, 32) // 2 workers, 32 examples per DataSet
 *         .batchSizePerWorker(32)
 *         .averagingFrequency(5)          // combine every 5 minibatches per worker
 *         .build();
 * SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, tm); // or SparkComputationGraph
 * sparkNet.fit(trainingRdd);             // JavaRDD<DataSet>; net now holds the combined parameters
 * }</pre>
 */
public class BnnParameterAveragingTrainingMaster extends ParameterAveragingTrainingMaster {

    /** For Jackson ({@code fromJson}); use the {@link Builder}. */
    protected BnnParameterAveragingTrainingMaster() {
        super();
    }

    protected BnnParameterAveragingTrainingMaster(Builder builder) {
        super(builder);
    }

    /**
     * Reads a master written by {@link #toJson()}, as this class (DL4J's {@code fromJson} would return plain averaging).
     *
     * @throws IllegalArgumentException if the JSON is not a training master's
     */
    public static BnnParameterAveragingTrainingMaster fromJson(String json) {
        try {
            return getJsonMapper().readValue(json, BnnParameterAveragingTrainingMaster.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not a BnnParameterAveragingTrainingMaster's JSON: " + e.getMessage(), e);
        }
    }

    /** Averages as DL4J does, then re-binarizes the Bop kernels by vote against the weights the round started from. */
    @Override
    protected void processResults(SparkDl4jMultiLayer network, SparkComputationGraph graph,
                                  JavaRDD<ParameterAveragingTrainingResult> results, int splitNum, int totalSplits) {
        Model model = network != null ? network.getNetwork() : graph.getNetwork();
        List<BopKernels.Kernel> kernels = BopKernels.of(model);
        List<INDArray> previous = new ArrayList<>(kernels.size());
        for (BopKernels.Kernel k : kernels) {
            previous.add(k.weights().dup()); // the broadcast values: the driver's parameters do not change until super
        }
        super.processResults(network, graph, results, splitNum, totalSplits);
        for (int i = 0; i < kernels.size(); i++) {
            SignVote.combine(previous.get(i), kernels.get(i).weights()); // views: the vote lands in the network
        }
    }

    /**
     * Builder in DL4J's style: the options of {@link ParameterAveragingTrainingMaster.Builder}, with the updater state
     * averaged by default (Bop's moving averages and Adam's moments must travel between rounds).
     */
    public static class Builder extends ParameterAveragingTrainingMaster.Builder {

        /** Workers from {@code JavaSparkContext.defaultParallelism()}. */
        public Builder(int rddDataSetNumExamples) {
            this(null, rddDataSetNumExamples);
        }

        /**
         * @param numWorkers            Spark executors x threads per executor (null: the context's default parallelism)
         * @param rddDataSetNumExamples examples in each DataSet of the training RDD
         */
        public Builder(Integer numWorkers, int rddDataSetNumExamples) {
            super(numWorkers, rddDataSetNumExamples);
            super.saveUpdater(true);
        }

        @Override
        public Builder batchSizePerWorker(int batchSizePerWorker) {
            super.batchSizePerWorker(batchSizePerWorker);
            return this;
        }

        @Override
        public Builder averagingFrequency(int averagingFrequency) {
            super.averagingFrequency(averagingFrequency);
            return this;
        }

        @Override
        public Builder aggregationDepth(int aggregationDepth) {
            super.aggregationDepth(aggregationDepth);
            return this;
        }

        @Override
        public Builder workerPrefetchNumBatches(int prefetchNumBatches) {
            super.workerPrefetchNumBatches(prefetchNumBatches);
            return this;
        }

        /** @param saveUpdater false discards the workers' updater state (Bop then forgets its evidence every round) */
        @Override
        public Builder saveUpdater(boolean saveUpdater) {
            super.saveUpdater(saveUpdater);
            return this;
        }

        @Override
        public Builder repartionData(Repartition repartition) {
            super.repartionData(repartition);
            return this;
        }

        @Override
        public Builder repartitionStrategy(RepartitionStrategy repartitionStrategy) {
            super.repartitionStrategy(repartitionStrategy);
            return this;
        }

        @Override
        public Builder storageLevel(StorageLevel storageLevel) {
            super.storageLevel(storageLevel);
            return this;
        }

        @Override
        public Builder storageLevelStreams(StorageLevel storageLevelStreams) {
            super.storageLevelStreams(storageLevelStreams);
            return this;
        }

        @Override
        public Builder rddTrainingApproach(RDDTrainingApproach rddTrainingApproach) {
            super.rddTrainingApproach(rddTrainingApproach);
            return this;
        }

        @Override
        public Builder exportDirectory(String exportDirectory) {
            super.exportDirectory(exportDirectory);
            return this;
        }

        @Override
        public Builder rngSeed(long rngSeed) {
            super.rngSeed(rngSeed);
            return this;
        }

        @Override
        public Builder collectTrainingStats(boolean collectTrainingStats) {
            super.collectTrainingStats(collectTrainingStats);
            return this;
        }

        @Override
        public Builder trainingHooks(Collection<TrainingHook> trainingHooks) {
            super.trainingHooks(trainingHooks);
            return this;
        }

        @Override
        public Builder trainingHooks(TrainingHook... hooks) {
            super.trainingHooks(hooks);
            return this;
        }

        @Override
        public BnnParameterAveragingTrainingMaster build() {
            return new BnnParameterAveragingTrainingMaster(this);
        }
    }
}
