package org.bnn4j.runtime.testutil;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Byte surgery on model files for tests: re-framing a changed payload so its checksum and length hold again. */
public final class Bytes {
    private Bytes() {
    }

    /** Rewrites the payload length and the CRC of {@code file} (whose last 4 bytes are taken to be the CRC). */
    public static byte[] reframe(byte[] file) {
        byte[] out = file.clone();
        if (out.length < 28) return out;
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(16, out.length - 28);
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - 4);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(out.length - 4, (int) crc.getValue());
        return out;
    }

    /** A copy with {@code value} at {@code offset}, re-framed. */
    public static byte[] withByte(byte[] file, int offset, int value) {
        byte[] out = file.clone();
        out[offset] = (byte) value;
        return reframe(out);
    }

    /** Offset of the first occurrence of {@code pattern} in {@code data}. */
    public static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) continue outer;
            }
            return i;
        }
        throw new IllegalArgumentException("pattern not found: " + Arrays.toString(pattern));
    }

    /** A copy with the first occurrence of {@code from} replaced by {@code to} (same length), re-framed. */
    public static byte[] replaced(byte[] file, byte[] from, byte[] to) {
        if (from.length != to.length) throw new IllegalArgumentException("replacement must keep the length");
        byte[] out = file.clone();
        System.arraycopy(to, 0, out, indexOf(out, from), to.length);
        return reframe(out);
    }

    /** The ten little-endian u16 fields of a window record (kernel, stride, dilation, padding). */
    public static byte[] window(int... fields) {
        if (fields.length != 10) throw new IllegalArgumentException("a window has 10 fields");
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        for (int f : fields) b.putShort((short) f);
        return b.array();
    }
}
