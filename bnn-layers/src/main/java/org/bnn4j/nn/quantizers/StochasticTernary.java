package org.bnn4j.nn.quantizers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * TernaryConnect's stochastic ternarization (Lin, Courbariaux et al. 2016): while training,
 * {@code q(x) = sign(x)} with probability {@code min(|x|, 1)}, else 0, so that {@code E[q(x)] = x} on
 * [-1, 1]; at inference the deterministic rule of {@link SteTernary} (thresholds ±0.5), or with
 * {@code meanAtInference} that expected value clip(x, -1, 1). Backward: the
 * saturated STE (gradient passes where {@code |x| <= clipValue}).
 *
 * <p>Samples depend only on this quantizer's {@code seed} and the call's noise seed, which a layer keeps
 * equal in the forward and backward pass of one iteration (see {@link StochasticSign}).
 *
 * <pre>{@code
 * new BinaryDenseLayer.Builder().nOut(512).kernelQuantizer(new StochasticTernary(42)).build();
 * }</pre>
 */
public class StochasticTernary extends SeededStochasticQuantizer {

    public StochasticTernary() {
    }

    public StochasticTernary(long seed) {
        this(seed, SteSign.DEFAULT_CLIP_VALUE);
    }

    /** @param clipValue the gradient passes where |x| <= clipValue; > 0, may be infinite */
    public StochasticTernary(long seed, double clipValue) {
        this(seed, clipValue, false);
    }

    /** @param meanAtInference at inference, clip(x, -1, 1) instead of the thresholds; see {@link SeededStochasticQuantizer} */
    public StochasticTernary(long seed, double clipValue, boolean meanAtInference) {
        super(seed, clipValue, meanAtInference);
    }

    @Override
    public INDArray quantize(INDArray x, INDArray out, QuantizationContext context) {
        if (!context.isTraining()) {
            return isMeanAtInference() ? mean(x, out)
                    : QuantizerOps.ternaryOf(x, SteTernary.DEFAULT_LOWER, SteTernary.DEFAULT_UPPER, out);
        }
        // u < |x| happens with probability min(|x|, 1); x = 0 never passes.
        INDArray nonZero = uniformNoise(x, context).lt(Transforms.abs(x, true)).castTo(x.dataType());
        INDArray sign = Transforms.sign(x, true); // 0 at x = 0, where nonZero is 0 anyway
        return out.assign(sign.muli(nonZero));
    }

    @Override
    public int precision() {
        return isMeanAtInference() ? 32 : 2; // what inference produces: the mean weights are real
    }
}
