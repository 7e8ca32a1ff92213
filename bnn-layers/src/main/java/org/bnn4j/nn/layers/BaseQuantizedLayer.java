package org.bnn4j.nn.layers;

import org.bnn4j.nn.Axes;
import org.bnn4j.nn.conf.layers.QuantizedLayer;
import org.bnn4j.nn.params.ParamKeys;
import org.bnn4j.nn.quantizers.QuantizationContext;
import org.bnn4j.nn.quantizers.Quantizer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * The computation every quantized layer shares; subclasses supply only the linear operation (matrix
 * product, convolution) and its gradients.
 *
 * <pre>
 * forward:  z = linear(q_in(x), q_k(W)) + b,  a = act(z)
 *           (or z = s * linear(q_in(x), core(W)) + b for a kernel quantizer with per-channel scales s)
 * backward: dL/dq_k(W), dL/dq_in(x), dL/db from the linear op; then each quantizer's own (STE) backward
 *           maps dL/dq to dL/dW (into W's gradient view) and dL/dx (the epsilon passed down).
 *           With a backprop input quantizer q_bp, dL/dq_k(W) is computed from q_bp(q_in(x)) instead of q_in(x).
 * </pre>
 *
 * The quantized kernel of a training iteration is computed once, in the forward pass, into a buffer the layer
 * keeps outside DL4J's workspaces, and backprop reuses it when it belongs to the same iteration (same noise
 * seed, no parameter change in between); otherwise backprop recomputes it, which gives the same values: a
 * stochastic quantizer gets the same noise seed in both passes of an iteration. The quantized input is
 * recomputed in backprop (it lives in the iteration's workspaces).
 * How the latent weights (and the kernel quantizer's own trained parameters, e.g. TTQ's Wp and Wn) become the
 * kernel is a {@link LatentKernel} of the configured kernel quantizer, whatever the linear op.
 */
public abstract class BaseQuantizedLayer<C extends org.deeplearning4j.nn.conf.layers.BaseLayer & QuantizedLayer>
        extends BaseLayer<C> {

    protected static final String WEIGHT_KEY = ParamKeys.KERNEL;
    protected static final String BIAS_KEY = ParamKeys.BIAS;

    private static final long INPUT_ROLE = 1;
    private static final long KERNEL_ROLE = 2;
    /** The noise of a stochastic backprop input quantizer (the separable layer's pointwise kernel takes 3). */
    private static final long BACKPROP_INPUT_ROLE = 4;
    private static final long BIAS_ROLE = 5;

    /** This iteration's training kernel, shaped and ordered like W, outside any workspace; null until needed. */
    private INDArray trainingKernel;
    /** The noise seed {@link #trainingKernel} was computed with, while no backprop or parameter change followed. */
    private Long trainingKernelSeed;

    protected BaseQuantizedLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The axis of W that indexes output channels (per-channel scales are taken along it): the configuration's. */
    protected int kernelChannelAxis() {
        return layerConf().kernelChannelAxis();
    }

    @Override
    public boolean hasBias() {
        return layerConf().hasBias();
    }

    /** Rejects input of the wrong rank or size with an error that names the layer. */
    protected abstract void validateInput(INDArray input);

    /** z = xq (op) wq (+ bias when non-null), in an ACTIVATIONS array. */
    protected abstract INDArray linearForward(INDArray xq, INDArray wq, INDArray bias, boolean training,
                                              LayerWorkspaceMgr workspaceMgr);

    /**
     * Gradients of the linear op given delta = dL/dz: writes dL/dwq into {@code kernelGradient} and dL/db
     * into {@code biasGradient} (when non-null) and returns dL/dxq as an ACTIVATION_GRAD array.
     */
    protected abstract INDArray linearBackward(INDArray xq, INDArray wq, INDArray delta, INDArray kernelGradient,
                                               INDArray biasGradient, LayerWorkspaceMgr workspaceMgr);

    /** Names the configuration class the user built (a preset such as BinaryDenseLayer), not this implementation. */
    @Override
    protected String layerId() {
        String name = layerConf().getLayerName();
        return "(layer name: " + (name == null ? "\"\"" : name) + ", layer index: " + getIndex() + ", layer type: "
                + layerConf().getClass().getSimpleName() + ")";
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException(layerId() + ": a quantized layer is trained inside a network, not alone");
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray z = preOutput(training, workspaceMgr);
        INDArray a = layerConf().getActivationFn().getActivation(z, training);
        if (maskArray != null) {
            applyMask(a);
        }
        return a;
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        validateInput(input);
        INDArray x = input.castTo(dataType);
        return scaledLinearForward(quantizedInput(x, training), quantizedKernel(training), outputScale(training),
                bias(training), training, workspaceMgr);
    }

    /** The linear op, with the kernel's per-channel output scale (if any) applied before the bias. */
    private INDArray scaledLinearForward(INDArray xq, INDArray wq, INDArray scale, INDArray bias, boolean training,
                                         LayerWorkspaceMgr workspaceMgr) {
        if (scale == null) {
            return linearForward(xq, wq, bias, training, workspaceMgr);
        }
        INDArray z = linearForward(xq, wq, null, training, workspaceMgr);
        Nd4j.exec(new BroadcastMulOp(z, scale.castTo(z.dataType()), z, 1));
        if (bias != null) {
            Nd4j.exec(new BroadcastAddOp(z, bias.reshape(bias.length()), z, 1));
        }
        return z;
    }

    private INDArray outputScale(boolean training) {
        return kernelQuantization().outputScale(params, kernelContext(training));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        validateInput(input);
        INDArray x = input.castTo(dataType);
        INDArray xq = quantizedInput(x, true);
        INDArray wq = kernelOfThisIteration();
        INDArray scale = outputScale(true);

        INDArray delta = activationDelta(xq, wq, scale, epsilon, workspaceMgr);
        if (maskArray != null) {
            applyMask(delta);
        }

        Gradient gradient = new DefaultGradient();
        INDArray kernelGradient = gradientViews.get(WEIGHT_KEY); // same shape and layout as W
        INDArray biasGradient = hasBias() ? gradientViews.get(BIAS_KEY) : null;
        INDArray inputGradient;
        INDArray xForKernel = kernelGradientInput(xq); // dW's input; dL/dxq depends on wq and delta only
        if (scale == null) {
            inputGradient = linearBackward(xForKernel, wq, delta, kernelGradient, biasGradient, workspaceMgr);
        } else {
            // z = scale * linear(xq, wq) + b: the linear op sees dL/dz * scale; the bias, dL/dz itself.
            INDArray scaledDelta = delta.ulike();
            Nd4j.exec(new BroadcastMulOp(delta, scale.castTo(delta.dataType()), scaledDelta, 1));
            inputGradient = linearBackward(xForKernel, wq, scaledDelta, kernelGradient, null, workspaceMgr);
            if (biasGradient != null) {
                biasGradient.assign(delta.sum(Axes.allBut(delta.rank(), 1)).reshape(biasGradient.shape()));
            }
        }
        if (biasGradient != null) {
            Quantizer biasQuantizer = layerConf().getBiasQuantizer();
            if (biasQuantizer != null) { // dL/dq(b) -> dL/db through the bias quantizer's STE
                biasQuantizer.backprop(getParam(BIAS_KEY), biasGradient, biasGradient, biasContext(true));
            }
            gradient.gradientForVariable().put(BIAS_KEY, biasGradient);
        }
        backpropKernel(gradient);

        Quantizer inputQuantizer = layerConf().getInputQuantizer();
        if (inputQuantizer != null) {
            inputQuantizer.backprop(x, inputGradient, inputGradient, inputContext(true));
        }
        INDArray epsilonNext = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, inputGradient);
        trainingKernelSeed = null; // the updater changes W next
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    /** The forward pass's training kernel when it is still valid, else a fresh one (the same values). */
    private INDArray kernelOfThisIteration() {
        Long seed = trainingKernelSeed;
        if (seed != null && seed == kernelContext(true).getNoiseSeed()) {
            return trainingKernel;
        }
        return quantizedKernel(true);
    }

    /** dL/dz from dL/da; identity activations (the usual case here) need no second forward pass. */
    private INDArray activationDelta(INDArray xq, INDArray wq, INDArray scale, INDArray epsilon,
                                     LayerWorkspaceMgr workspaceMgr) {
        IActivation activation = layerConf().getActivationFn();
        if (activation instanceof ActivationIdentity) {
            return epsilon;
        }
        INDArray z = scaledLinearForward(xq, wq, scale, bias(true), true, workspaceMgr);
        return activation.backprop(z, epsilon).getFirst();
    }

    /**
     * The input the kernel gradient dW = x^T delta is computed from: the linear op's input, or its backprop
     * quantization when the layer has one (quantized back-propagation, Lin et al. 2016).
     */
    private INDArray kernelGradientInput(INDArray xq) {
        Quantizer q = layerConf().getBackpropInputQuantizer();
        return q == null ? xq : q.quantize(xq, QuantizationContext.activations(true, noiseSeed(BACKPROP_INPUT_ROLE)));
    }

    /** The input as the linear op sees it: quantized, or as is when the layer has no input quantizer. */
    protected INDArray quantizedInput(INDArray x, boolean training) {
        Quantizer q = layerConf().getInputQuantizer();
        return q == null ? x : q.quantize(x, inputContext(training));
    }

    /** The kernel as the linear op sees it; a training kernel is kept for this iteration's backprop. */
    protected INDArray quantizedKernel(boolean training) {
        QuantizationContext context = kernelContext(training);
        if (!training) {
            return kernelQuantization().quantize(params, context);
        }
        INDArray w = params.get(WEIGHT_KEY);
        if (trainingKernel == null || !Arrays.equals(trainingKernel.shape(), w.shape())
                || trainingKernel.ordering() != w.ordering() || trainingKernel.dataType() != w.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                trainingKernel = w.ulike();
            }
        }
        kernelQuantization().quantize(params, trainingKernel, context);
        trainingKernelSeed = context.getNoiseSeed();
        return trainingKernel;
    }

    @Override
    public void setParams(INDArray params) {
        trainingKernelSeed = null;
        setParams(params, paramViewOrder());
    }

    /**
     * The order in which this layer's initializer shaped its parameter views from the flat parameter vector, so that
     * {@link #setParams(INDArray)} (used by DL4J's TransferLearning and by users) reads a flat vector the same way:
     * 'f' for dense kernels, as DL4J's dense layers; convolutions override it with 'c'.
     */
    protected char paramViewOrder() {
        return 'f';
    }

    @Override
    public void setParam(String key, INDArray val) {
        trainingKernelSeed = null;
        super.setParam(key, val);
    }

    @Override
    public void setParamTable(Map<String, INDArray> paramTable) {
        trainingKernelSeed = null;
        super.setParamTable(paramTable);
    }

    @Override
    public void setParamsViewArray(INDArray params) {
        trainingKernelSeed = null;
        super.setParamsViewArray(params);
    }

    /**
     * Maps dL/d(quantized kernel), held in W's gradient view, to the gradients of the kernel's parameters
     * (dL/dW in place), and records them in {@code gradient}.
     */
    protected void backpropKernel(Gradient gradient) {
        for (String key : kernelQuantization().backprop(params, gradientViews, kernelContext(true))) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
    }

    /** How the kernel parameters become the kernel: through the configured kernel quantizer. */
    private LatentKernel kernelQuantization() {
        return new LatentKernel(layerConf().getKernelQuantizer(), WEIGHT_KEY, "", splitsKernelScale());
    }

    /**
     * Whether a per-channel scale of the kernel quantizer may be applied to the linear op's output instead of the
     * kernel (exact ±1 sums): true when the kernel's output channels are the layer's, as in a dense or convolution
     * layer; a layer whose linear op goes on after the kernel (the separable convolution) says false.
     */
    protected boolean splitsKernelScale() {
        return true;
    }

    protected QuantizationContext inputContext(boolean training) {
        return QuantizationContext.activations(training, noiseSeed(INPUT_ROLE));
    }

    protected QuantizationContext kernelContext(boolean training) {
        return QuantizationContext.kernel(training, noiseSeed(KERNEL_ROLE), kernelChannelAxis());
    }

    /**
     * Equal in the forward and backward pass of one iteration, different across iterations, layers and roles (1: the
     * input, 2: the kernel; a layer with a second kernel takes another).
     */
    protected long noiseSeed(long role) {
        return QuantizationContext.mixSeeds(getIndex(), getEpochCount(), getIterationCount(), role);
    }

    /** The bias the linear op adds: "b", or its quantization when the layer has a bias quantizer; null without one. */
    private INDArray bias(boolean training) {
        if (!hasBias()) {
            return null;
        }
        Quantizer q = layerConf().getBiasQuantizer();
        return q == null ? getParam(BIAS_KEY) : q.quantize(getParam(BIAS_KEY), biasContext(training));
    }

    private QuantizationContext biasContext(boolean training) {
        return QuantizationContext.activations(training, noiseSeed(BIAS_ROLE));
    }
}
