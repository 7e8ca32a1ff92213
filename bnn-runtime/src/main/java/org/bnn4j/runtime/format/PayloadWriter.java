package org.bnn4j.runtime.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Little-endian writes into a growing byte array: the mirror of {@link PayloadReader}. */
final class PayloadWriter {
    private byte[] bytes = new byte[4096];
    private int size;

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void u8(int v) {
        room(1).put((byte) v);
    }

    void u16(int v) {
        room(2).putShort((short) v);
    }

    void u32(long v) {
        room(4).putInt((int) v);
    }

    void u64(long v) {
        room(8).putLong(v);
    }

    void f32(float v) {
        room(4).putFloat(v);
    }

    void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u16(utf8.length);
        room(utf8.length).put(utf8);
    }

    void floats(float[] values) {
        room(values.length * Float.BYTES).asFloatBuffer().put(values);
    }

    void ints(int[] values) {
        room(values.length * Integer.BYTES).asIntBuffer().put(values);
    }

    void longs(long[] values) {
        room(values.length * Long.BYTES).asLongBuffer().put(values);
    }

    /** A little-endian view of the next {@code n} bytes, which count as written. */
    private ByteBuffer room(int n) {
        long needed = (long) size + n;
        if (needed > Format.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("model payload would exceed " + Format.MAX_PAYLOAD_BYTES + " bytes");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(needed, 2L * bytes.length), Format.MAX_PAYLOAD_BYTES));
        }
        ByteBuffer view = ByteBuffer.wrap(bytes, size, n).slice().order(ByteOrder.LITTLE_ENDIAN);
        size += n;
        return view;
    }
}
