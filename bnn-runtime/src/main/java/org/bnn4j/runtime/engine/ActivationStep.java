package org.bnn4j.runtime.engine;

import org.bnn4j.runtime.format.ActivationKind;

/** The float activations: clamp (ReLU, ReLU6, hard tanh), leaky ReLU, tanh, sigmoid and softmax. Sign packs bits instead. */
final class ActivationStep implements Step {
    private final int input;
    private final int output;
    private final ActivationKind kind;
    private final float a;
    private final float b;

    ActivationStep(int input, int output, ActivationKind kind, float a, float b) {
        if (kind == ActivationKind.SIGN) {
            throw new IllegalArgumentException("sign is a bit-packing step, not a float activation");
        }
        this.input = input;
        this.output = output;
        this.kind = kind;
        this.a = a;
        this.b = b;
    }

    @Override
    public void run(Workspace ws) {
        float[] x = ws.floats[input];
        float[] y = new float[x.length];
        switch (kind) {
            case CLAMP -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = Math.min(Math.max(x[i], a), b);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = x[i] < 0f ? a * x[i] : x[i];
                }
            }
            case TANH -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = (float) Math.tanh(x[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < x.length; i++) {
                    y[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
                }
            }
            default -> softmax(x, y);
        }
        ws.floats[output] = y;
    }

    private static void softmax(float[] x, float[] y) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) Math.exp(x[i] - max);
            sum += y[i];
        }
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (y[i] / sum);
        }
    }
}
