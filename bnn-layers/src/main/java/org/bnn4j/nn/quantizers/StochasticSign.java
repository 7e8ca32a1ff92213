package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BinaryConnect's stochastic binarization (Courbariaux et al. 2015): while training,
 * {@code q(x) = +1 with probability hard_sigmoid(x) = clip((x + 1) / 2, 0, 1)}, else -1; at inference the
 * deterministic sign, or with {@code meanAtInference} the expected value clip(x, -1, 1). Backward: the saturated STE (gradient passes where {@code |x| <= clipValue}).
 *
 * <p>Samples are reproducible: they depend only on this quantizer's {@code seed} and the call's
 * {@link QuantizationContext#getNoiseSeed() noise seed}, which a layer keeps equal between the forward
 * and backward pass of an iteration, so backprop sees exactly the sampled weights of the forward pass.
 *
 * <pre>{@code
 * new BinaryDenseLayer.Builder().nOut(2048).kernelQuantizer(new StochasticSign(42)).build();
 * }</pre>
 */
public class StochasticSign extends SeededStochasticQuantizer {
    public static final long DEFAULT_SEED = SeededStochasticQuantizer.DEFAULT_SEED;

    public StochasticSign() {
    }

    public StochasticSign(long seed) {
        this(seed, SteSign.DEFAULT_CLIP_VALUE);
    }

    /** @param clipValue the gradient passes where |x| <= clipValue; > 0, may be infinite */
    public StochasticSign(long seed, double clipValue) {
        this(seed, clipValue, false);
    }

    /**
     * @param meanAtInference at inference, clip(x, -1, 1) (BinaryConnect's test-time rule for this variant) instead of
     *                        sign(x); see {@link SeededStochasticQuantizer}
     */
    public StochasticSign(long seed, double clipValue, boolean meanAtInference) {
        super(seed, clipValue, meanAtInference);
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        if (!context.isTraining()) {
            return isMeanAtInference() ? mean(x, out) : QuantizerOps.signOf(x, out);
        }
        INDArray probabilityOfPlusOne = x.add(1).muli(0.5);
        probabilityOfPlusOne = Transforms.max(probabilityOfPlusOne, 0.0, false);
        probabilityOfPlusOne = Transforms.min(probabilityOfPlusOne, 1.0, false);
        INDArray uniform = uniformNoise(x, context);
        // u < p gives +1 with probability p; p = 1 always gives +1 and p = 0 never does.
        INDArray plusOne = uniform.lt(probabilityOfPlusOne).castTo(x.dataType());
        return out.assign(plusOne.muli(2).subi(1));
    }

    @Override
    public int precision() {
        return isMeanAtInference() ? 32 : 1; // what inference produces: the mean weights are real
    }
}
