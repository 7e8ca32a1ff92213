package org.bnn4j.export.rewrite;

import org.bnn4j.export.BnnExportException;
import org.bnn4j.export.graph.AffineNode;
import org.bnn4j.export.graph.ExportGraph;
import org.bnn4j.export.graph.ExportNode;
import org.bnn4j.export.graph.LinearWeights;
import org.bnn4j.export.graph.LinearNode;
import org.bnn4j.export.graph.PoolNode;
import org.bnn4j.export.graph.ReshapeNode;
import org.bnn4j.export.graph.SourceLayer;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.runtime.format.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.bnn4j.export.rewrite.Graphs.binaryDense;
import static org.bnn4j.export.rewrite.Graphs.bn;
import static org.bnn4j.export.rewrite.Graphs.dense;
import static org.bnn4j.export.rewrite.Graphs.identity;
import static org.bnn4j.export.rewrite.Graphs.names;
import static org.bnn4j.export.rewrite.Graphs.relu;
import static org.bnn4j.export.rewrite.Graphs.sign;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each exporter rewrite on its own, on small hand-built graphs. */
class RewritesTest {

    @Test
    void removeInferenceNoOpsRewiresReadersAndTheOutput() {
        ExportGraph g = new Graphs(4).add("a", binaryDense(4, 2), "input").add("drop", identity(), "a")
                .add("b", binaryDense(2, 2), "drop").add("loss", identity(), "b").build();
        ExportGraph out = new RemoveInferenceNoOps().apply(g);
        assertEquals(List.of("a", "b"), names(out));
        assertEquals(List.of("a"), out.node("b").inputs());
        assertEquals("b", out.output());
    }

    @Test
    void decomposeKernelsStatesQuantizedValuesExactly() {
        // 2 outputs x 3 inputs: channel 0 = 0.5 * [+1, -1, +1], channel 1 = 2 * [-1, -1, +1]
        float[] binary = {0.5f, -0.5f, 0.5f, -2f, -2f, 2f};
        ExportGraph g = new Graphs(3).add("d", dense(3, 2, true, new LinearWeights.Quantized(binary, 1, "q")), "input").build();
        LinearWeights.Binary b = (LinearWeights.Binary) ((LinearNode) new DecomposeWeights().apply(g).node("d").op()).weights();
        assertArrayEquals(new boolean[]{false, true, false, true, true, false}, b.negative());
        assertArrayEquals(new double[]{0.5, 2}, b.scale());

        float[] ternary = {0.5f, 0f, -0.25f, 0f, 0f, 1f};   // TTQ: Wp = 0.5, Wn = 0.25 in channel 0
        ExportGraph t = new Graphs(3).add("d", dense(3, 2, true, new LinearWeights.Quantized(ternary, 2, "q")), "input").build();
        LinearWeights.Ternary k = (LinearWeights.Ternary) ((LinearNode) new DecomposeWeights().apply(t).node("d").op()).weights();
        assertArrayEquals(new boolean[]{true, false, false, false, false, true}, k.plus());
        assertArrayEquals(new boolean[]{false, false, true, false, false, false}, k.minus());
        assertArrayEquals(new double[]{0.5, 1}, k.positiveScale());
        assertArrayEquals(new double[]{0.25, 1}, k.negativeScale(), "a channel without -1 takes its +1 scale");
    }

    @Test
    void decomposeKernelsRejectsValuesItCannotPackExactly() {
        float[] uneven = {0.5f, -0.25f, 0.5f, 1f, 1f, 1f};
        ExportGraph g = new Graphs(3).add("layer7", dense(3, 2, true, new LinearWeights.Quantized(uneven, 1, "MyQuantizer()")), "input").build();
        BnnExportException e = assertThrows(BnnExportException.class, () -> new DecomposeWeights().apply(g));
        assertTrue(e.getMessage().startsWith("layer7: kernel quantizer MyQuantizer() (precision 1), output channel 0"), e.getMessage());
        ExportGraph eightBit = new Graphs(3).add("d", dense(3, 2, true, new LinearWeights.Quantized(uneven, 8, "q")), "input").build();
        assertTrue(assertThrows(BnnExportException.class, () -> new DecomposeWeights().apply(eightBit)).getMessage()
                .contains("precision 8"));
    }

    @Test
    void absorbKernelScalesMovesSymmetricScalesIntoTheTransform() {
        LinearNode binary = dense(1, 2, true, new LinearWeights.Binary(new boolean[]{false, true}, new double[]{0.5, 2}));
        LinearNode symmetric = dense(1, 2, true, new LinearWeights.Ternary(new boolean[]{true, false}, new boolean[]{false, true},
                new double[]{3, 4}, new double[]{3, 4}));
        LinearNode ttq = dense(1, 2, true, new LinearWeights.Ternary(new boolean[]{true, false}, new boolean[]{false, true},
                new double[]{3, 4}, new double[]{1, 4}));
        ExportGraph g = new AbsorbWeightScales().apply(new Graphs(1).add("b", binary, "input").add("s", symmetric, "input")
                .add("t", ttq, "input").build());
        LinearNode b = (LinearNode) g.node("b").op();
        assertNull(((LinearWeights.Binary) b.weights()).scale());
        assertArrayEquals(new double[]{0.5, 2}, b.transform().alpha());
        LinearNode s = (LinearNode) g.node("s").op();
        assertNull(((LinearWeights.Ternary) s.weights()).positiveScale());
        assertArrayEquals(new double[]{3, 4}, s.transform().alpha());
        LinearNode t = (LinearNode) g.node("t").op();
        assertArrayEquals(new double[]{3, 4}, ((LinearWeights.Ternary) t.weights()).positiveScale(), "TTQ scales stay");
        assertArrayEquals(new double[]{1, 1}, t.transform().alpha());
    }

    @Test
    void foldBatchNormFusesIntoTheLayerBeforeUnderTheBatchNormsName() {
        ExportGraph g = new Graphs(4).add("dense", binaryDense(4, 2), "input").add("bn", bn(2, 2, 0.5, 1, 4), "dense")
                .add("next", binaryDense(2, 2), "bn").build();
        ExportGraph out = new FoldBatchNorm().apply(g);
        assertEquals(List.of("bn", "next"), names(out));
        ExportNode fused = out.node("bn");
        assertEquals(List.of("dense", "bn"), fused.sources().stream().map(SourceLayer::name).toList());
        LinearNode l = (LinearNode) fused.op();
        assertTrue(l.transform().hasBatchNorm());
        assertEquals(2 / 2.0, l.transform().affineMul(0), 1e-12);          // gamma * alpha / sigma
        assertEquals(2 * (0 - 1) / 2.0 + 0.5, l.transform().affineAdd(0), 1e-12);
        assertEquals(List.of("bn"), out.node("next").inputs());
    }

    @Test
    void foldBatchNormLeavesSharedOutputsAndSecondBatchNormsAlone() {
        ExportGraph shared = new Graphs(4).add("dense", binaryDense(4, 2), "input").add("bn", bn(2, 1, 0, 0, 1), "dense")
                .add("other", relu(), "dense").build();
        assertEquals(List.of("dense", "bn", "other"), names(new FoldBatchNorm().apply(shared)));
        ExportGraph twice = new Graphs(4).add("dense", binaryDense(4, 2), "input").add("bn", bn(2, 1, 0, 0, 1), "dense")
                .add("bn2", bn(2, 1, 0, 0, 1), "bn").build();
        assertEquals(List.of("bn", "bn2"), names(new FoldBatchNorm().apply(twice)));
    }

    @Test
    void signToThresholdFusesSignActivationsAndKeepsOtherNames() {
        ExportGraph g = new Graphs(4).add("bn", binaryDense(4, 2), "input").add("sign", sign(), "bn")
                .add("next", binaryDense(2, 2), "sign").add("out", dense(2, 2, false, new LinearWeights.Float32(new float[4])), "next").build();
        ExportGraph out = new SignToThreshold().apply(g);
        assertEquals(List.of("sign", "next", "out"), names(out));
        LinearNode l = (LinearNode) out.node("sign").op();
        assertInstanceOf(OutputStage.IntThresholds.class, l.stage());
        // "next" is read by a real-input node: it keeps its transform
        assertTrue(((LinearNode) out.node("next").op()).transform() != null);
    }

    @Test
    void signToThresholdUsesFloatThresholdsForRealInputsAndNeedsOnlySignReaders() {
        ExportGraph g = new Graphs(4).add("first", dense(4, 2, false, new LinearWeights.Binary(new boolean[8], null)), "input")
                .add("next", binaryDense(2, 2), "first").add("relu", relu(), "next").build();
        ExportGraph out = new SignToThreshold().apply(g);
        assertInstanceOf(OutputStage.FloatThresholds.class, ((LinearNode) out.node("first").op()).stage(),
                "read only by a sign-input layer");
        assertNull(((LinearNode) out.node("next").op()).stage(), "read by a ReLU");
    }

    @Test
    void signToThresholdLooksThroughReshapesAndMaxPooling() {
        ExportGraph g = new Graphs(4).add("bn", binaryDense(4, 4), "input")
                .add("max", new PoolNode(PoolKind.MAX, new Window(1, 1, 1, 1, 1, 1, 0, 0, 0, 0), false), "bn")
                .add("flat", new ReshapeNode(ValueShape.vector(4)), "max")
                .add("next", binaryDense(4, 2), "flat").add("out", relu(), "next").build();
        assertInstanceOf(OutputStage.IntThresholds.class, ((LinearNode) new SignToThreshold().apply(g).node("bn").op()).stage());
        ExportGraph average = new Graphs(4).add("bn", binaryDense(4, 4), "input")
                .add("avg", new PoolNode(PoolKind.AVG, new Window(1, 1, 1, 1, 1, 1, 0, 0, 0, 0), false), "bn")
                .add("next", binaryDense(4, 2), "avg").add("out", relu(), "next").build();
        assertNull(((LinearNode) new SignToThreshold().apply(average).node("bn").op()).stage(),
                "the sign of an average is not the average of signs");
    }

    @Test
    void signedInputsMarksLayersThatReadSignsThroughReshapesAndMaxPooling() {
        LinearWeights binary = new LinearWeights.Binary(new boolean[8], null);
        ExportGraph g = new Graphs(4).add("first", dense(4, 4, false, binary), "input").add("sign", sign(), "first")
                .add("max", new PoolNode(PoolKind.MAX, new Window(1, 1, 1, 1, 1, 1, 0, 0, 0, 0), false), "sign")
                .add("flat", new ReshapeNode(ValueShape.vector(4)), "max")
                .add("second", dense(4, 2, false, binary), "flat")
                .add("avg", new PoolNode(PoolKind.AVG, new Window(1, 1, 1, 1, 1, 1, 0, 0, 0, 0), false), "sign")
                .add("third", dense(4, 2, false, binary), "avg").build();
        ExportGraph out = new SignedInputs().apply(g);
        assertFalse(((LinearNode) out.node("first").op()).signInput(), "the network's input is real");
        assertTrue(((LinearNode) out.node("second").op()).signInput(), "signs, max-pooled and reshaped, are still signs");
        assertFalse(((LinearNode) out.node("third").op()).signInput(), "an average of signs is not a sign");
    }

    @Test
    void batchNormToAffineAndLowerAffineStagesMultiplyOut() {
        ExportGraph g = new Graphs(2).add("bn", bn(2, 3, 1, 2, 9), "input")
                .add("dense", dense(2, 2, false, new LinearWeights.Float32(new float[4])), "bn").build();
        ExportGraph out = new LowerAffineStages().apply(new BatchNormToAffine().apply(g));
        AffineNode a = (AffineNode) out.node("bn").op();
        assertArrayEquals(new float[]{1f, 1f}, a.mul());                      // 3 / sqrt(9)
        assertArrayEquals(new float[]{1f - 2f, 1f - 2f}, a.add());            // beta - gamma * mean / sigma
        OutputStage.Affine stage = (OutputStage.Affine) ((LinearNode) out.node("dense").op()).stage();
        assertArrayEquals(new float[]{1f, 1f}, stage.mul());
        assertArrayEquals(new float[]{0f, 0f}, stage.add());
    }

    @Test
    void packKernelsLaysBitsOutPerOutputChannelAndTap() {
        // conv, 2 outputs, 2x1 kernel, 3 input channels: rows [o][tap][c]
        boolean[] negative = {true, false, false, /* o0 tap1 */ false, false, true,
                /* o1 tap0 */ false, true, true, /* o1 tap1 */ true, true, true};
        LinearNode conv = new LinearNode(3, 2, new Window(2, 1, 1, 1, 1, 1, 0, 0, 0, 0), 0, true,
                new LinearWeights.Binary(negative, null), null, new OutputStage.Affine(new float[2], new float[2]));
        ExportGraph out = new PackWeights().apply(new Graphs(3).add("conv", conv, "input").build());
        Weights.Binary w = (Weights.Binary) ((LinearWeights.Packed) ((LinearNode) out.node("conv").op()).weights()).weights();
        assertArrayEquals(new long[]{0b001, 0b100, 0b110, 0b111}, w.words());
    }

    @Test
    void packKernelsRefusesUnabsorbedScales() {
        LinearNode scaled = dense(1, 1, true, new LinearWeights.Binary(new boolean[1], new double[]{0.5}));
        assertThrows(IllegalStateException.class, () -> new PackWeights().apply(new Graphs(1).add("d", scaled, "input").build()));
    }
}
