package org.bnn4j.runtime;

import org.bnn4j.runtime.format.ModelSpec;
import org.bnn4j.runtime.format.ModelWriter;
import org.bnn4j.runtime.format.PoolKind;
import org.bnn4j.runtime.format.PoolSpec;
import org.bnn4j.runtime.format.ValueShape;
import org.bnn4j.runtime.format.Window;
import org.bnn4j.runtime.testutil.Bytes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files with a valid checksum whose numbers are hostile: windows whose taps or extent overflow an int. Each is
 * rejected at load with {@link BnnFormatException}, quickly, and allocates nothing large.
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

    private static byte[] onePool(ValueShape in, Window w) {
        return ModelWriter.toBytes(new ModelSpec("t", in, List.of(new PoolSpec("pool", 0, PoolKind.MAX, w, false))));
    }

    private static void rejected(byte[] file, String message) {
        BnnFormatException e = assertThrows(BnnFormatException.class, () -> BnnModel.load(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
