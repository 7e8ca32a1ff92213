package org.bnn4j.examples.pretrained;

import org.bnn4j.runtime.BnnModel;
import org.bnn4j.runtime.format.ActivationKind;
import org.bnn4j.runtime.format.ActivationSpec;
import org.bnn4j.runtime.format.OpSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A model's answer as the most probable classes: its outputs when it ends in a softmax, else the softmax of its
 * outputs (the logits of a hinge-loss model).
 *
 * <pre>{@code
 * for (TopClasses.Entry e : TopClasses.of(model, model.predict(pixels), names, 3)) {
 *     System.out.println(e.name() + " " + e.probability());
 * }
 * }</pre>
 */
public final class TopClasses {
    /** One class and its probability. */
    public record Entry(int index, String name, double probability) {
    }

    private TopClasses() {
    }

    /** Whether the model's last op is a softmax, so that its outputs are probabilities already. */
    public static boolean endsInSoftmax(BnnModel model) {
        List<OpSpec> ops = model.spec().ops();
        return !ops.isEmpty() && ops.get(ops.size() - 1) instanceof ActivationSpec a && a.kind() == ActivationKind.SOFTMAX;
    }

    /** The {@code k} most probable classes, most probable first (lower index first on ties). */
    public static List<Entry> of(BnnModel model, float[] outputs, List<String> names, int k) {
        double[] p = endsInSoftmax(model) ? IntStream.range(0, outputs.length).mapToDouble(i -> outputs[i]).toArray()
                : softmax(outputs);
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            all.add(new Entry(i, names.get(i), p[i]));
        }
        all.sort(Comparator.comparingDouble(Entry::probability).reversed().thenComparingInt(Entry::index));
        return all.subList(0, Math.min(k, all.size()));
    }

    static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
