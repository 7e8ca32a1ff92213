package org.bnn4j.tests;

import org.bnn4j.examples.train.Checkpoint;
import org.bnn4j.examples.train.NetworkAdapter;
import org.bnn4j.examples.train.TrainingState;
import org.bnn4j.nn.conf.layers.BinaryDenseLayer;
import org.bnn4j.nn.updaters.Bop;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A checkpoint keeps Bop's state (the moving average of gradients that decides the flips) along with Adam's: a
 * network restored from one takes the same steps as the network that wrote it.
 */
class BopCheckpointTest {
    private static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(5).updater(new Adam(1e-2))
                .list()
                .layer(new BinaryDenseLayer.Builder().nOut(16).kernelUpdater(new Bop(0.5, 1e-4)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(8))
                .build());
        net.init();
        return net;
    }

    private static DataSet batch(int i) {
        Nd4j.getRandom().setSeed(100 + i);
        return new DataSet(Nd4j.rand(DataType.FLOAT, 12, 8).subi(0.5),
                Nd4j.eye(3).castTo(DataType.FLOAT).repeat(0, 4));
    }

    @Test
    void aRestoredBopNetworkContinuesBitForBit(@TempDir Path dir) throws Exception {
        MultiLayerNetwork original = net();
        for (int i = 0; i < 3; i++) original.fit(batch(i));
        assertNotEquals(0.0, original.getUpdater().getStateViewArray().norm1Number().doubleValue(), "Bop and Adam have state");
        Checkpoint.write(dir, new NetworkAdapter(original), null, new Checkpoint.Run(List.of("train"), "x"),
                TrainingState.fresh());
        NetworkAdapter restored = Checkpoint.read(dir).network;
        assertEquals(original.getUpdater().getStateViewArray(),
                ((MultiLayerNetwork) restored.model()).getUpdater().getStateViewArray());
        for (int i = 3; i < 6; i++) {
            original.fit(batch(i));
            restored.fitBatch(batch(i));
        }
        assertEquals(original.params(), ((MultiLayerNetwork) restored.model()).params());
    }
}
