package org.bnn4j.keras;

import org.bnn4j.nn.constraints.WeightClipConstraint;
import org.bnn4j.nn.quantizers.ApproxSign;
import org.bnn4j.nn.quantizers.Identity;
import org.bnn4j.nn.quantizers.MagnitudeAwareSign;
import org.bnn4j.nn.quantizers.Quantizer;
import org.bnn4j.nn.quantizers.SteSign;
import org.bnn4j.nn.quantizers.SteTernary;
import org.bnn4j.nn.quantizers.SwishSign;
import org.deeplearning4j.nn.api.layers.LayerConstraint;

import java.util.List;
import java.util.Map;

/**
 * Larq's quantizers and its {@code weight_clip} constraint as bnn4j's, exactly or not at all. Larq's forward maps
 * all use sign(0) = +1, as bnn4j's do.
 *
 * <table>
 * <tr><th>Larq</th><th>bnn4j</th></tr>
 * <tr><td>SteSign(clip_value)</td><td>SteSign(clip_value)</td></tr>
 * <tr><td>ApproxSign</td><td>ApproxSign</td></tr>
 * <tr><td>SwishSign(beta)</td><td>SwishSign(beta)</td></tr>
 * <tr><td>MagnitudeAwareSign(clip_value)</td><td>MagnitudeAwareSign(clip_value)</td></tr>
 * <tr><td>SteTern(threshold_value t, clip_value)</td><td>SteTernary(-t, t⁻, clip_value), t⁻ the float below t</td></tr>
 * <tr><td>NoOp, null</td><td>none (input) / Identity (kernel)</td></tr>
 * </table>
 *
 * <pre>{@code
 * Quantizer q = LarqQuantizers.quantizer(reader, "kernel_quantizer", true);
 * }</pre>
 */
final class LarqQuantizers {
    static final String SUPPORTED = "SteSign, ApproxSign, SwishSign, MagnitudeAwareSign, SteTern "
            + "(ternary_weight_networks=false), NoOp";

    private LarqQuantizers() {
    }

    /**
     * The quantizer in a layer's field; null when absent or NoOp and {@code kernel} is false (a real input),
     * Identity when absent and {@code kernel} is true.
     */
    static Quantizer quantizer(ConfigReader layer, String field, boolean kernel) {
        Object raw = layer.raw(field);
        Quantizer none = kernel ? new Identity() : null;
        if (raw == null) {
            return none;
        }
        if (!(raw instanceof Map<?, ?>)) {
            throw layer.error(field, "expected a quantizer object {class_name, config}, got " + raw);
        }
        Map<String, Object> q = layer.object(field);
        String name = String.valueOf(q.get("class_name"));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = q.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        ConfigReader c = layer.nested(field, config);
        double clip = c.number("clip_value", SteSign.DEFAULT_CLIP_VALUE);
        try {
            return switch (name) {
                case "SteSign" -> new SteSign(clip);
                case "ApproxSign" -> new ApproxSign();
                case "SwishSign" -> new SwishSign(c.number("beta", SwishSign.DEFAULT_BETA));
                case "MagnitudeAwareSign" -> new MagnitudeAwareSign(clip);
                case "SteTern" -> steTern(layer, field, c, clip);
                case "NoOp" -> none;
                case "SteHeaviside" -> throw layer.error(field, "SteHeaviside ({0, 1} outputs) has no exact bnn4j "
                        + "quantizer; supported: " + SUPPORTED);
                default -> throw layer.error(field, "quantizer " + name + " is not supported; supported: " + SUPPORTED);
            };
        } catch (IllegalArgumentException e) {
            throw layer.error(field, name + " with config " + config + ": " + e.getMessage());
        }
    }

    /**
     * Larq: sign(sign(x + t) + sign(x - t)) with TensorFlow's sign(0) = 0, i.e. +1 for x >= t, -1 for x <= -t,
     * 0 between. bnn4j's SteTernary gives +1 for x > upper, so upper is the float32 just below t (weights are float32).
     */
    private static Quantizer steTern(ConfigReader layer, String field, ConfigReader c, double clip) {
        if (Boolean.TRUE.equals(c.raw("ternary_weight_networks"))) {
            throw layer.error(field, "SteTern with ternary_weight_networks=true (a threshold computed from the "
                    + "weights) has no exact bnn4j quantizer; supported: " + SUPPORTED);
        }
        float t = (float) c.number("threshold_value", 0.05);
        return new SteTernary(-t, Math.nextDown(t), clip);
    }

    /** kernel_constraint: weight_clip(clip_value) as WeightClipConstraint; null for none (Larq then clips nothing). */
    static List<LayerConstraint> constraint(ConfigReader layer, String field) {
        Map<String, Object> raw = layer.object(field);
        if (raw == null) {
            return List.of();
        }
        String name = String.valueOf(raw.get("class_name"));
        if (!"weight_clip".equals(name) && !"WeightClip".equals(name)) {
            throw layer.error(field, "constraint " + name + " is not supported; supported: weight_clip");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> config = raw.get("config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        double clip = layer.nested(field, config).number("clip_value", 1.0);
        return List.of(new WeightClipConstraint(-clip, clip));
    }
}
