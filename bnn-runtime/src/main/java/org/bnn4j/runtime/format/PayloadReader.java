package org.bnn4j.runtime.format;

import org.bnn4j.runtime.BnnFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads from a payload that check, before every read and every allocation, that the bytes are
 * there; errors name what was being read and the file offset.
 */
final class PayloadReader {
    private final ByteBuffer buffer;
    private final int fileOffset;

    /** @param fileOffset where the payload starts in the file, for error messages */
    PayloadReader(byte[] payload, int fileOffset) {
        this.buffer = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        this.fileOffset = fileOffset;
    }

    int remaining() {
        return buffer.remaining();
    }

    int u8(String what) throws BnnFormatException {
        need(1, what);
        return buffer.get() & 0xFF;
    }

    int i8(String what) throws BnnFormatException {
        need(1, what);
        return buffer.get();
    }

    int u16(String what) throws BnnFormatException {
        need(2, what);
        return buffer.getShort() & 0xFFFF;
    }

    /** A u32 that must lie in [min, max]. */
    int u32(String what, long min, long max) throws BnnFormatException {
        need(4, what);
        long v = buffer.getInt() & 0xFFFFFFFFL;
        if (v < min || v > max) {
            throw new BnnFormatException(what + " is " + v + " at file offset " + (position() - 4) + "; it must be "
                    + min + " to " + max);
        }
        return (int) v;
    }

    float f32(String what) throws BnnFormatException {
        need(4, what);
        return buffer.getFloat();
    }

    String string(String what) throws BnnFormatException {
        int length = u16(what + " length");
        if (length > Format.MAX_STRING_BYTES) {
            throw new BnnFormatException(what + " is " + length + " bytes long at file offset " + (position() - 2)
                    + "; the limit is " + Format.MAX_STRING_BYTES);
        }
        need(length, what);
        ByteBuffer bytes = buffer.slice().limit(length);
        buffer.position(buffer.position() + length);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new BnnFormatException(what + " at file offset " + (position() - length) + " is not valid UTF-8", e);
        }
    }

    float[] floats(long count, String what) throws BnnFormatException {
        need(count * Float.BYTES, what);
        float[] out = new float[(int) count];
        buffer.asFloatBuffer().get(out);
        buffer.position(buffer.position() + out.length * Float.BYTES);
        return out;
    }

    int[] ints(long count, String what) throws BnnFormatException {
        need(count * Integer.BYTES, what);
        int[] out = new int[(int) count];
        buffer.asIntBuffer().get(out);
        buffer.position(buffer.position() + out.length * Integer.BYTES);
        return out;
    }

    long[] longs(long count, String what) throws BnnFormatException {
        need(count * Long.BYTES, what);
        long[] out = new long[(int) count];
        buffer.asLongBuffer().get(out);
        buffer.position(buffer.position() + out.length * Long.BYTES);
        return out;
    }

    long position() {
        return fileOffset + (long) buffer.position();
    }

    private void need(long bytes, String what) throws BnnFormatException {
        if (bytes < 0 || bytes > buffer.remaining()) {
            throw new BnnFormatException("truncated payload: " + what + " needs " + bytes + " bytes at file offset "
                    + position() + ", only " + buffer.remaining() + " remain");
        }
    }
}
