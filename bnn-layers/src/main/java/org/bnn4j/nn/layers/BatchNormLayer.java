package org.bnn4j.nn.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The layer of {@link org.bnn4j.nn.conf.layers.BatchNorm}: DL4J's BatchNormalization, except that inference
 * writes its result into one array of the activation workspace and keeps no copies for a backward pass.
 *
 * <p>The output is bit-identical to DL4J's: the same per-element float operations run in the same order
 * ({@code ((x - mean) / sqrt(var + eps)) * gamma + beta}, each rounded), only into one array instead of three.
 * Training, rank-3 input and a DL4J helper (oneDNN, cuDNN) take DL4J's path unchanged.
 */
public class BatchNormLayer extends BatchNormalization {

    public BatchNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        if (training == TrainingMode.TRAIN || getHelper() != null || (x.rank() != 2 && x.rank() != 4)) {
            return super.preOutput(x, training, workspaceMgr);
        }
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        int channelAxis = x.rank() == 4 && c.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
        if (x.size(channelAxis) != c.getNOut()) {
            throw new IllegalArgumentException("layer '" + c.getLayerName() + "' (BatchNorm): input.size(" + channelAxis
                    + ") = " + x.size(channelAxis) + " does not match nOut " + c.getNOut() + ", input shape "
                    + java.util.Arrays.toString(x.shape()));
        }
        x = x.castTo(dataType);
        if (x.rank() == 4 && !Shape.strideDescendingCAscendingF(x)) {
            x = x.dup(); // DL4J's broadcast ops need a plain layout, as in DL4J's layer
        }
        INDArray mean = getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray std = Transforms.sqrt(variance(c).add(c.getEps()), false);

        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), x.ordering());
        Nd4j.getExecutioner().exec(new BroadcastSubOp(x, mean, out, channelAxis));
        Nd4j.getExecutioner().exec(new BroadcastDivOp(out, std, out, channelAxis));
        if (!c.isLockGammaBeta()) {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(out, getParam(BatchNormalizationParamInitializer.GAMMA), out,
                    channelAxis));
            Nd4j.getExecutioner().exec(new BroadcastAddOp(out, getParam(BatchNormalizationParamInitializer.BETA), out,
                    channelAxis));
        } else if (c.getGamma() != 1.0 && c.getBeta() != 0.0) {
            // DL4J applies fixed gamma and beta only when both differ from 1 and 0; do the same to give its output.
            out.muli(c.getGamma()).addi(c.getBeta());
        }
        return out;
    }

    /** The running variance, stored as such or (useLogStd) as log10 of the standard deviation. */
    private INDArray variance(org.deeplearning4j.nn.conf.layers.BatchNormalization c) {
        if (!c.isUseLogStd()) {
            return getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
        INDArray log10s = getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
        INDArray var = Transforms.pow(Nd4j.valueArrayOf(log10s.shape(), 10.0, dataType), log10s);
        return var.muli(var);
    }
}
