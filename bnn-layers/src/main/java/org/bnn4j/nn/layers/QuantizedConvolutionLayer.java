package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.ConvolutionGeometry;
import org.bnn4j.nn.conf.layers.QuantizedDepthwiseConvolutionLayer;
import org.deeplearning4j.exception.DL4JInvalidConfigException;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Implementation of {@link org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer} and its presets
 * (XnorConvolutionLayer, TernaryConvolutionLayer): a native 2D convolution with quantized input and kernel. Users
 * build it through the configuration classes:
 *
 * <pre>{@code
 * .layer(new org.bnn4j.nn.conf.layers.XnorConvolutionLayer.Builder(3, 3).nOut(64).padValue(1).build())
 * }</pre>
 */
public class QuantizedConvolutionLayer extends BaseQuantizedLayer<org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer> {

    public QuantizedConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    /** Convolution kernels are 'c'-order views, as in DL4J's ConvolutionLayer. */
    @Override
    protected char paramViewOrder() {
        return 'c';
    }

    @Override
    protected void validateInput(INDArray input) {
        long nIn = layerConf().getNIn();
        if (input.rank() != 4) {
            throw new DL4JInvalidInputException("Input to " + layerId() + " must be rank 4 [minibatch, " + nIn
                    + ", height, width] (NCHW), got rank " + input.rank() + " with shape "
                    + Arrays.toString(input.shape())
                    + (input.rank() == 2 ? ". Use InputType.convolutionalFlat(...) for flattened images." : ""));
        }
        if (input.size(1) != nIn) {
            throw new DL4JInvalidInputException("Input to " + layerId() + " has " + input.size(1)
                    + " channels (shape " + Arrays.toString(input.shape()) + ", NCHW) but the layer has nIn=" + nIn);
        }
        if (maskArray != null) {
            throw new UnsupportedOperationException(layerId() + ": feature masks are not supported by convolution layers");
        }
    }

    @Override
    protected INDArray linearForward(INDArray xq, INDArray wq, INDArray bias, boolean training,
                                     LayerWorkspaceMgr workspaceMgr) {
        ConvolutionGeometry g = geometry(xq);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, wq.dataType(),
                new long[]{xq.size(0), wq.size(0), g.getOutHeight(), g.getOutWidth()}, 'c'); // wq is [nOut, nIn/groups, kH, kW]
        return convolution(g).forward(xq, wq, bias == null ? null : bias.reshape(bias.length()), z);
    }

    @Override
    protected INDArray linearBackward(INDArray xq, INDArray wq, INDArray delta, INDArray kernelGradient,
                                      INDArray biasGradient, LayerWorkspaceMgr workspaceMgr) {
        // conv2d_bp takes the bias only to produce its gradient: none is asked for when the caller computes it
        INDArray bias = biasGradient == null ? null : getParam(BIAS_KEY).reshape(wq.size(0));
        INDArray biasGradientVector = biasGradient == null ? null : biasGradient.reshape(wq.size(0));
        INDArray inputGradient = convolution(geometry(xq))
                .backward(xq, wq, bias, delta.castTo(wq.dataType()), kernelGradient, biasGradientVector);
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGradient, 'c');
    }

    protected ConvolutionGeometry geometry(INDArray input) {
        try {
            return layerConf().geometry(input.size(2), input.size(3), getIndex());
        } catch (DL4JInvalidConfigException e) {
            throw new DL4JInvalidInputException(e.getMessage() + " (input shape " + Arrays.toString(input.shape()) + ")", e);
        }
    }

    /** The layer's (first) convolution: ordinary, or depthwise (the only grouping libnd4j has an op for). */
    protected NativeConvolution convolution(ConvolutionGeometry g) {
        org.bnn4j.nn.conf.layers.QuantizedConvolutionLayer c = layerConf();
        if (c instanceof QuantizedDepthwiseConvolutionLayer d) {
            return NativeConvolution.depthwise(g, c.getPadValue(), d.getDepthMultiplier());
        }
        return new NativeConvolution(g, c.getPadValue());
    }
}
