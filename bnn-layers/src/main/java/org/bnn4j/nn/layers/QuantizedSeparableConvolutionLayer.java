package org.bnn4j.nn.layers;

import org.bnn4j.nn.conf.layers.ConvolutionGeometry;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer.POINTWISE_KERNEL_KEY;
import static org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer.POINTWISE_PREFIX;

/**
 * Implementation of {@link org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer}: the native depthwise
 * convolution of the quantized input with the quantized depthwise kernel "W", then a native 1x1 convolution with the
 * quantized pointwise kernel "pW", then the bias. Both kernels are quantized whole (a per-channel scale of the depthwise
 * quantizer belongs to the depthwise output, not the layer's). Backward runs the two stages in reverse, each kernel's
 * gradient going through its quantizer's straight-through estimator. Users build it through the configuration:
 *
 * <pre>{@code
 * .layer(new QuantizedSeparableConvolutionLayer.Builder(3, 3).nOut(64).kernelQuantizer(new SteSign()).build())
 * }</pre>
 */
public class QuantizedSeparableConvolutionLayer extends QuantizedConvolutionLayer {
    private static final long POINTWISE_ROLE = 3;
    private static final int[] ONE = {1, 1};
    private static final int[] NONE = {0, 0};

    public QuantizedSeparableConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer separable() {
        return (org.bnn4j.nn.conf.layers.QuantizedSeparableConvolutionLayer) layerConf();
    }

    @Override
    protected boolean splitsKernelScale() {
        return false;
    }

    private LatentKernel pointwise() {
        return new LatentKernel(separable().getPointwiseQuantizer(), POINTWISE_KERNEL_KEY, POINTWISE_PREFIX, false);
    }

    private QuantizationContext pointwiseContext(boolean training) {
        return QuantizationContext.kernel(training, noiseSeed(POINTWISE_ROLE), 0);
    }

    @Override
    protected INDArray linearForward(INDArray xq, INDArray wq, INDArray bias, boolean training,
                                     LayerWorkspaceMgr workspaceMgr) {
        INDArray y = depthwiseForward(xq, wq, workspaceMgr, ArrayType.FF_WORKING_MEM);
        INDArray pq = pointwise().quantize(params, pointwiseContext(training));
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, wq.dataType(),
                new long[]{y.size(0), pq.size(0), y.size(2), y.size(3)}, 'c');
        return pointwiseConvolution(y).forward(y, pq, bias == null ? null : bias.reshape(bias.length()), z);
    }

    @Override
    protected INDArray linearBackward(INDArray xq, INDArray wq, INDArray delta, INDArray kernelGradient,
                                      INDArray biasGradient, LayerWorkspaceMgr workspaceMgr) {
        INDArray y = depthwiseForward(xq, wq, workspaceMgr, ArrayType.BP_WORKING_MEM);
        QuantizationContext context = pointwiseContext(true);
        LatentKernel pointwise = pointwise();
        INDArray pq = pointwise.quantize(params, context);
        long nOut = pq.size(0);
        INDArray bias = biasGradient == null ? null : getParam(BIAS_KEY).reshape(nOut);
        INDArray dy = pointwiseConvolution(y).backward(y, pq, bias, delta.castTo(wq.dataType()),
                gradientViews.get(POINTWISE_KERNEL_KEY), biasGradient == null ? null : biasGradient.reshape(nOut));
        pointwise.backprop(params, gradientViews, context); // dL/dpq -> dL/dpW and the quantizer's parameters
        INDArray inputGradient = convolution(geometry(xq)).backward(xq, wq, null, dy, kernelGradient, null);
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGradient, 'c');
    }

    @Override
    protected void backpropKernel(Gradient gradient) {
        super.backpropKernel(gradient);
        for (String key : pointwise().tableKeys()) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
    }

    /** The depthwise stage's real-valued output [N, nIn * depthMultiplier, outH, outW]. */
    private INDArray depthwiseForward(INDArray xq, INDArray wq, LayerWorkspaceMgr workspaceMgr, ArrayType memory) {
        ConvolutionGeometry g = geometry(xq);
        INDArray y = workspaceMgr.createUninitialized(memory, wq.dataType(),
                new long[]{xq.size(0), wq.size(0), g.getOutHeight(), g.getOutWidth()}, 'c');
        return convolution(g).forward(xq, wq, null, y);
    }

    private NativeConvolution pointwiseConvolution(INDArray y) {
        return new NativeConvolution(ConvolutionGeometry.of(layerId(), ConvolutionMode.Truncate, ONE, ONE, NONE, ONE,
                y.size(2), y.size(3)), 0.0);
    }
}
