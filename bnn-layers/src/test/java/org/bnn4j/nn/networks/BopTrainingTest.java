package org.bnn4j.nn.networks;

import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.testutil.Nets;
import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** Bop inside DL4J networks: exactly the paper's flips from the network's own gradients, and learning. */
class BopTrainingTest {
    private static final int N = 8, N_IN = 6, HIDDEN = 5, KERNEL = N_IN * HIDDEN;
    private static final double GAMMA = 0.5, SGD_RATE = 0.1;

    /** Bop on a binary kernel, plain SGD for its bias and the output layer, in double precision. */
    private static MultiLayerNetwork net(double tau) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.DOUBLE).updater(new Sgd(SGD_RATE))
                .list()
                .layer(new BinaryDenseLayer.Builder().nOut(HIDDEN).kernelUpdater(new Bop(GAMMA, tau)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(N_IN))
                .build());
        net.init();
        return net;
    }

    /** The minibatch-mean gradient of every parameter, in the network's flat parameter order. */
    private static INDArray meanGradient(MultiLayerNetwork net, DataSet data) {
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup().reshape(-1).divi(N);
    }

    private static INDArray kernelPart(INDArray flat) {
        return flat.reshape(-1).get(NDArrayIndex.interval(0, KERNEL)).dup();
    }

    /** Bop's rule from the paper: flip where |m| > tau and sign(m) = sign(w). */
    private static INDArray flipped(INDArray w, INDArray m, double tau) {
        INDArray out = w.dup();
        for (int i = 0; i < w.length(); i++) {
            double mi = m.getDouble(i), wi = w.getDouble(i);
            if (Math.abs(mi) > tau && Math.signum(mi) == Math.signum(wi)) out.putScalar(i, -wi);
        }
        return out;
    }

    @Test
    void networkFlipsExactlyTheWeightsWhoseMovingAverageOfGradientsExceedsTau() {
        DataSet data = new DataSet(Nd4j.rand(DataType.DOUBLE, N, N_IN).subi(0.5).muli(4),
                Nd4j.eye(3).castTo(DataType.DOUBLE).repeat(0, 3).get(NDArrayIndex.interval(0, N)));
        // tau: half-way into the sizes of the agreeing averages after one step, so it decides some flips.
        MultiLayerNetwork probe = net(0);
        INDArray w0 = kernelPart(probe.params());
        INDArray m1 = kernelPart(meanGradient(probe, data)).muli(GAMMA);
        double[] agreeing = new double[KERNEL];
        int count = 0;
        for (int i = 0; i < KERNEL; i++) if (m1.getDouble(i) * w0.getDouble(i) > 0) agreeing[count++] = Math.abs(m1.getDouble(i));
        Arrays.sort(agreeing, 0, count);
        double tau = (agreeing[count / 2 - 1] + agreeing[count / 2]) / 2;

        MultiLayerNetwork net = net(tau);
        assertEquals(w0, kernelPart(net.params()), "same seed, same initial kernel");
        assertEquals(KERNEL, Transforms.abs(w0, true).eq(1.0).castTo(DataType.INT).sumNumber().intValue(), "a Bop kernel is ±1");
        INDArray g1 = meanGradient(net, data);
        INDArray b0 = net.getParam("0_b").dup();
        net.fit(data);
        INDArray w1 = flipped(w0, m1, tau);
        assertEquals(w1, kernelPart(net.params()), "first step");
        assertEquals(m1, kernelPart(net.getUpdater().getStateViewArray()), "Bop's state is m");
        assertEquals(b0.sub(g1.get(NDArrayIndex.interval(KERNEL, KERNEL + HIDDEN)).mul(SGD_RATE)), net.getParam("0_b").reshape(-1),
                "the bias keeps the network's updater (SGD)");
        int flips1 = w1.neq(w0).castTo(DataType.INT).sumNumber().intValue();
        assertTrue(flips1 > 0 && flips1 < count, "tau must decide: " + flips1 + " of " + count + " agreeing weights flipped");

        INDArray m2 = m1.mul(1 - GAMMA).addi(kernelPart(meanGradient(net, data)).muli(GAMMA));
        net.fit(data);
        INDArray w2 = flipped(w1, m2, tau);
        assertEquals(w2, kernelPart(net.params()), "second step, with the moving average of both gradients");
        assertEquals(m2, kernelPart(net.getUpdater().getStateViewArray()));
        assertNotEquals(w1, w2, "the second step flips as well");
    }

    @Test
    void bopTrainedBinaryMlpLearnsClustersFarAboveChance() {
        DataSet train = Nets.clusters(1024, 32, 4, 1);
        DataSet test = Nets.clusters(512, 32, 4, 2);
        double learned = trainAndTest(new Bop(1e-2, 1e-6), train, test);
        double frozen = trainAndTest(new Bop(1e-2, 1e9), train, test); // tau out of reach: no weight ever flips
        System.out.println("accuracy with Bop " + learned + ", with frozen kernels " + frozen);
        assertTrue(learned > 0.9, "test accuracy " + learned + " (chance: 0.25)");
        assertTrue(frozen < 0.6, "without flips the MLP cannot learn the task, got " + frozen);
    }

    private static double trainAndTest(Bop bop, DataSet train, DataSet test) {
        MultiLayerNetwork net = new MultiLayerNetwork(Nets.bopMlp(32, 32, 4, 7, bop));
        net.init();
        INDArray initial = net.getParam("0_W").dup();
        for (DataSet batch : train.batchBy(64)) { // one epoch
            net.fit(batch);
        }
        for (String kernel : new String[]{"0_W", "3_W"}) {
            INDArray w = net.getParam(kernel);
            assertEquals(w.length(), Transforms.abs(w, true).eq(1.0).castTo(DataType.INT).sumNumber().longValue(), kernel + " stays ±1");
        }
        assertEquals(bop.getTau() < 1, !initial.equals(net.getParam("0_W")), "flips happen exactly when tau allows them");
        Evaluation e = new Evaluation();
        e.eval(test.getLabels(), net.output(test.getFeatures()));
        return e.accuracy();
    }
}
