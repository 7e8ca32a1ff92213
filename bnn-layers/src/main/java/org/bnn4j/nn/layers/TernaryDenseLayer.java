package org.bnn4j.nn.layers;

import org.bnn4j.nn.quantizers.TrainedTernary;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Implementation of {@link org.bnn4j.nn.conf.layers.TernaryDenseLayer}: the dense layer's matrix product
 * with TTQ's kernel {-Wn, 0, +Wp} and its trained scales. Users build it through the configuration class:
 *
 * <pre>{@code
 * .layer(new org.bnn4j.nn.conf.layers.TernaryDenseLayer.Builder().nOut(256).build())
 * }</pre>
 */
public class TernaryDenseLayer extends BinaryDenseLayer {

    public TernaryDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    KernelQuantization kernelQuantization() {
        return new TrainedTernaryKernel((TrainedTernary) layerConf().getKernelQuantizer());
    }
}
