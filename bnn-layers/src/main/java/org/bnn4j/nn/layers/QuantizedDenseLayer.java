package org.bnn4j.nn.layers;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Implementation of {@link org.bnn4j.nn.conf.layers.QuantizedDenseLayer} and its presets (BinaryDenseLayer,
 * TernaryDenseLayer): a matrix product with quantized input and kernel. Users build it through the configuration
 * classes:
 *
 * <pre>{@code
 * .layer(new org.bnn4j.nn.conf.layers.QuantizedDenseLayer.Builder().nOut(256).kernelQuantizer(new SteSign()).build())
 * }</pre>
 */
public class QuantizedDenseLayer extends BaseQuantizedLayer<org.bnn4j.nn.conf.layers.QuantizedDenseLayer> {

    public QuantizedDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected void validateInput(INDArray input) {
        long nIn = layerConf().getNIn();
        if (input.rank() != 2) {
            throw new DL4JInvalidInputException("Input to " + layerId() + " must be a matrix [minibatch, " + nIn
                    + "], got rank " + input.rank() + " with shape " + Arrays.toString(input.shape())
                    + ". Missing preprocessor or setInputType(...)?");
        }
        if (input.size(1) != nIn) {
            throw new DL4JInvalidInputException("Input to " + layerId() + " has " + input.size(1)
                    + " columns (shape " + Arrays.toString(input.shape()) + ") but the layer has nIn=" + nIn);
        }
    }

    @Override
    protected INDArray linearForward(INDArray xq, INDArray wq, INDArray bias, boolean training,
                                     LayerWorkspaceMgr workspaceMgr) {
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, wq.dataType(), new long[]{xq.size(0), wq.size(1)}, 'f');
        xq.mmuli(wq, z);
        if (bias != null) {
            z.addiRowVector(bias);
        }
        return z;
    }

    @Override
    protected INDArray linearBackward(INDArray xq, INDArray wq, INDArray delta, INDArray kernelGradient,
                                      INDArray biasGradient, LayerWorkspaceMgr workspaceMgr) {
        if (biasGradient != null) {
            delta.sum(biasGradient, 0);
        }
        Nd4j.gemm(xq, delta, kernelGradient, true, false, 1.0, 0.0); // xq^T · delta
        // (wq · delta^T)^T = delta · wq^T, computed as DL4J's dense layer does to land in an 'f' array.
        INDArray transposedEpsilon = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[]{wq.size(0), delta.size(0)}, 'f');
        return wq.mmuli(delta.transpose(), transposedEpsilon).transpose();
    }
}
