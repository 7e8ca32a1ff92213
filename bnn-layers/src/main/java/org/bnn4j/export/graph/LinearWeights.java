package org.bnn4j.export.graph;

import org.bnn4j.runtime.format.Weights;

/**
 * The weights of a dense or convolution node as the rewrites see them, always laid out
 * {@code [nOut][kernelH][kernelW][nIn / groups]} (a dense node has a 1x1 kernel). Import gives {@link Quantized} values;
 * {@code DecomposeWeights} turns them into {@link Binary}, {@link Ternary} or {@link Float32};
 * {@code PackWeights} finally into the format's {@link Packed} weights.
 *
 * <pre>{@code
 * LinearWeights k = new LinearWeights.Binary(new boolean[]{false, true}, new double[]{0.5});   // [+0.5, -0.5], one channel
 * }</pre>
 */
public sealed interface LinearWeights {

    /** Bits per weight: 1 (binary), 2 (ternary) or 32 (float). */
    int precision();

    /** The format's kind these weights will be packed as; only once decomposed (not for {@link Quantized}). */
    Weights.Kind formatKind();

    /** "binary weights", "ternary weights", ... for descriptions. */
    default String describe() {
        return switch (precision()) {
            case 1 -> "binary weights";
            case 2 -> "ternary weights";
            case 32 -> "float weights";
            default -> precision() + "-bit weights";
        };
    }

    /** What the layer's kernel quantizer produced, with its bits per value (1, 2 or 32). */
    record Quantized(float[] values, int precision, String quantizer) implements LinearWeights {
        @Override
        public Weights.Kind formatKind() {
            throw new IllegalStateException("quantized values (" + quantizer + ") have no format kind until decomposed");
        }
    }

    /** ±scale[o] per output channel; {@code negative} marks -1. A null scale means 1 (absorbed into the stage). */
    record Binary(boolean[] negative, double[] scale) implements LinearWeights {
        @Override
        public int precision() {
            return 1;
        }

        /** ±1 times a per-channel scale the rewrites move into the output stage. */
        @Override
        public Weights.Kind formatKind() {
            return Weights.Kind.BINARY;
        }
    }

    /**
     * Values {@code +positiveScale[o]}, 0, {@code -negativeScale[o]}. Null scales mean 1 (absorbed); scales that
     * differ within a channel (TTQ) stay in the kernel.
     */
    record Ternary(boolean[] plus, boolean[] minus, double[] positiveScale, double[] negativeScale) implements LinearWeights {
        @Override
        public int precision() {
            return 2;
        }

        @Override
        public Weights.Kind formatKind() {
            return positiveScale == null ? Weights.Kind.TERNARY : Weights.Kind.TERNARY_SCALED;
        }
    }

    /** Full-precision weights. */
    record Float32(float[] values) implements LinearWeights {
        @Override
        public int precision() {
            return 32;
        }

        @Override
        public Weights.Kind formatKind() {
            return Weights.Kind.FLOAT32;
        }
    }

    /** The format's weights, ready to write. */
    record Packed(Weights weights) implements LinearWeights {
        @Override
        public int precision() {
            return weights instanceof Weights.Float32 ? 32 : weights instanceof Weights.Binary ? 1 : 2;
        }

        @Override
        public Weights.Kind formatKind() {
            return weights.kind();
        }
    }
}
