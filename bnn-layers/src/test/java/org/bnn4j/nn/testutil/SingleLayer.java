package org.bnn4j.nn.testutil;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collections;

/** One layer instantiated outside any network, so tests can feed it inputs and epsilons directly. */
public final class SingleLayer {
    public final Layer layer;

    public SingleLayer(org.deeplearning4j.nn.conf.layers.Layer layerConf, DataType dataType, long seed) {
        NeuralNetConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(dataType).layer(layerConf).build();
        long numParams = conf.getLayer().initializer().numParams(conf);
        INDArray params = Nd4j.create(dataType, 1, numParams);
        Nd4j.getRandom().setSeed(seed);
        this.layer = conf.getLayer().instantiate(conf, Collections.emptyList(), 0, params, true, dataType);
        layer.setBackpropGradientsViewArray(Nd4j.create(dataType, 1, numParams));
    }

    public INDArray param(String key) {
        return layer.getParam(key);
    }

    public INDArray forward(INDArray input, boolean training) {
        layer.setInput(input, LayerWorkspaceMgr.noWorkspaces());
        return layer.activate(training, LayerWorkspaceMgr.noWorkspaces());
    }

    public Pair<Gradient, INDArray> backward(INDArray input, INDArray epsilon) {
        forward(input, true);
        return layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
    }

    /**
     * d/dp of L = sum(epsilon * output) for the one-element parameter {@code key}, by central differences
     * (so dL/doutput = epsilon, as in {@link #backward}). The parameter is restored afterwards.
     */
    public double numericalGradientOfScalar(String key, INDArray input, INDArray epsilon, double h) {
        INDArray p = param(key);
        double value = p.getDouble(0);
        p.assign(value + h);
        double up = forward(input, false).mul(epsilon).sumNumber().doubleValue();
        p.assign(value - h);
        double down = forward(input, false).mul(epsilon).sumNumber().doubleValue();
        p.assign(value);
        return (up - down) / (2 * h);
    }
}
