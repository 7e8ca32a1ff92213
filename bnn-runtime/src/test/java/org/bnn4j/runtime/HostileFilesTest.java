package org.bnn4j.runtime;

import org.bnn4j.runtime.format.AddSpec;
import org.bnn4j.runtime.format.AffineSpec;
import org.bnn4j.runtime.format.InputMode;
import org.bnn4j.runtime.format.LinearSpec;
import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.OpSpec;
import org.bnn4j.runtime.format.OutputStage;
import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.PoolSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Weights;
import org.bnn4j.runtime.format.Window;
import org.bnn4j.runtime.testutil.Bytes;
import org.bnn4j.runtime.testutil.FormatDoc;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files with a valid checksum whose numbers are hostile: windows whose taps or extent overflow an int, models whose
 * values need more memory per example, or whose ops need more work, than {@link LoadLimits} allow. Each is rejected
 * at load with {@link BnnFormatException}, quickly, and allocates nothing large.
 */
class HostileFilesTest {
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    /** kH * kW = 65535 * 65535 wraps an int to -131071: it used to load and fail in predict. */
    @Test
    void aPoolingWindowWithMoreTapsThanAnIntIsRejected() {
        byte[] file = onePool(ValueShape.image(1, 1, 1), new Window(1, 1, 7, 9, 11, 13, 0, 0, 0, 0));
        byte[] crafted = Bytes.replaced(file, Bytes.window(1, 1, 7, 9, 11, 13, 0, 0, 0, 0),
                Bytes.window(65535, 65535, 1, 1, 1, 1, 32767, 32767, 32767, 32767));
        rejected(crafted, "op 0 'pool' (POOL2D): the window has 4294836225 taps");
        Window w = new Window(65535, 65535, 1, 1, 1, 1, 32767, 32767, 32767, 32767);
        assertEquals(4294836225L, w.tapCount());
        assertThrows(ArithmeticException.class, w::taps);
    }

    /** (kH - 1) * dH + 1 = 65534 * 65535 + 1 wraps an int: the window looked as if it fitted 262141 positions. */
    @Test
    void aWindowWhoseExtentOverflowsAnIntDoesNotFit() {
        byte[] file = onePool(ValueShape.image(1, 1, 1), new Window(65535, 1, 1, 1, 1, 1, 32767, 32767, 0, 0));
        byte[] crafted = Bytes.replaced(file, Bytes.window(65535, 1, 1, 1, 1, 1, 32767, 32767, 0, 0),
                Bytes.window(65535, 1, 1, 1, 65535, 1, 32767, 32767, 0, 0));
        assertTimeoutPreemptively(QUICKLY, () -> rejected(crafted, "does not fit the input"));
        Window w = new Window(65535, 1, 1, 1, 65535, 1, 32767, 32767, 0, 0);
        assertEquals(0, w.outHeight(1));
        assertThrows(ArithmeticException.class, w::effectiveKernelHeight);
    }

    /** 2^20 positions of a 65535-tap window: checked in O(positions), then rejected by the work limit. */
    @Test
    void aHugePoolingWindowOverAWideInputIsRejectedQuickly() {
        ValueShape in = ValueShape.image(1, 1, 1 << 20);
        byte[] file = onePool(in, new Window(1, 65535, 1, 1, 1, 1, 0, 0, 32767, 32767));
        assertTimeoutPreemptively(QUICKLY, () -> rejected(file,
                "op 0 'pool' (POOL2D): 68718428160 window taps per example, more than the limit of 17179869184"));
    }

    /** A 64x64 binary kernel over an 8192x8192 image: a 32 KB file asking for 2^38 multiply-accumulates. */
    @Test
    void aConvolutionWithTooMuchWorkIsRejected() {
        Window same64 = new Window(64, 64, 1, 1, 1, 1, 32, 31, 32, 31);
        LinearSpec conv = new LinearSpec("conv", 0, InputMode.SIGN, 1, 1, same64, 0,
                new Weights.Binary(new long[64 * 64]), new OutputStage.IntThresholds(new int[1], new boolean[1]));
        byte[] file = ModelWriter.toBytes(new ModelSpec("t", ValueShape.image(1, 8192, 8192), List.of(conv)));
        assertTrue(file.length < 40_000, "a small file: " + file.length);
        rejected(file, "op 0 'conv' (CONV2D): 274877906944 multiply-accumulates per example, more than the limit of "
                + LoadLimits.DEFAULT_MAX_WORK_PER_OP);
    }

    /**
     * Three per-channel affines of a 2^26-element input and their sum: five values of 256 MiB alive at once at the
     * add, 1.25 GiB per example, from a file of 200 bytes.
     */
    @Test
    void aModelNeedingMoreMemoryPerExampleThanTheLimitIsRejected() throws Exception {
        ModelSpec spec = fiveLiveValues();
        byte[] file = ModelWriter.toBytes(spec);
        assertTrue(file.length < 300, "a small file: " + file.length);
        rejected(file, "op 3 'sum' (ADD): one example needs 1342177280 bytes of values and scratch at once here, "
                + "more than the limit of 1073741824 bytes");
        // raised for this model, it loads (and is not run here)
        BnnModel raised = BnnModel.load(file, LoadLimits.defaults().withMaxBytesPerExample(5L << 28));
        assertEquals(4, raised.opNames().size());
    }

    /** The limits come from system properties when set; a property that is not a number is an error. */
    @Test
    void systemPropertiesSetTheDefaultLimits() throws Exception {
        byte[] small = FormatDoc.testVector();
        String old = System.getProperty(LoadLimits.MAX_BYTES_PROPERTY);
        try {
            System.setProperty(LoadLimits.MAX_BYTES_PROPERTY, "16");
            rejected(small, "more than the limit of 16 bytes");
            System.setProperty(LoadLimits.MAX_BYTES_PROPERTY, "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, LoadLimits::defaults);
            assertEquals("-Dbnn4j.maxBytesPerExample=lots is not a positive number", e.getMessage());
        } finally {
            if (old == null) System.clearProperty(LoadLimits.MAX_BYTES_PROPERTY);
            else System.setProperty(LoadLimits.MAX_BYTES_PROPERTY, old);
        }
        assertEquals(2, BnnModel.load(small).outputSize());
        assertThrows(IllegalArgumentException.class, () -> new LoadLimits(0, 1));
    }

    private static ModelSpec fiveLiveValues() {
        ValueShape in = ValueShape.image(1, 8192, 8192);
        List<OpSpec> ops = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ops.add(new AffineSpec("affine" + i, 0, new float[]{i + 1f}, new float[]{0f}));
        }
        ops.add(new AddSpec("sum", new int[]{0, 1, 2, 3}));
        return new ModelSpec("t", in, ops);
    }

    private static byte[] onePool(ValueShape in, Window w) {
        return ModelWriter.toBytes(new ModelSpec("t", in, List.of(new PoolSpec("pool", 0, PoolKind.MAX, w, false))));
    }

    private static void rejected(byte[] file, String message) {
        BnnFormatException e = assertThrows(BnnFormatException.class, () -> BnnModel.load(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
