package org.bnn4j.examples.train;

import org.nd4j.linalg.api.buffer.DataBuffer.AllocationMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks an ND4J array as {@code Nd4j.write} stores it (a ModelSerializer zip's {@code coefficients.bin}) without
 * building it: a shape buffer, then a data buffer, each an allocation mode, a length, a data type and the
 * elements. Every length is checked against the bytes really there, and the shape must describe a dense
 * array of exactly the stored elements, so that ND4J, which trusts these fields, never allocates what a damaged
 * header claims or reads outside its buffer.
 */
final class StoredArrayHeader {
    /** ND4J's own rule: buffers written in these oldest modes store an int length, the others a long. */
    private static final Set<AllocationMode> INT_LENGTH_MODES =
            EnumSet.of(AllocationMode.DIRECT, AllocationMode.HEAP, AllocationMode.JAVACPP);
    private static final int MAX_RANK = 32;
    /** Shape information is rank, shape, strides, then extras (data type flags), element-wise stride, order. */
    private static final int SHAPE_INFO_FIELDS = 4;
    private static final char C_ORDER = 'c';
    private static final char F_ORDER = 'f';

    private StoredArrayHeader() {
    }

    /** The array is not as Nd4j.write stores one; the message says what is wrong (without the file's name). */
    static class BadArrayException extends Exception {
        private static final long serialVersionUID = 1L;

        BadArrayException(String problem) {
            super(problem);
        }
    }

    /** The array holds another number of elements than expected; the rest of its header is valid. */
    static final class CountMismatchException extends BadArrayException {
        private static final long serialVersionUID = 1L;
        private final long count;

        CountMismatchException(long count, long expected) {
            super("holds " + count + " values, expected " + expected);
            this.count = count;
        }

        /** How many elements the array holds. */
        long count() {
            return count;
        }
    }

    /** A buffer's header: how it was allocated, how many elements, of what type. */
    private record BufferHeader(AllocationMode mode, long length, DataType type) {
        /** Bytes the buffer takes: two length-prefixed names, its length field and its elements. */
        long bytes() {
            return 2 + mode.name().length() + (INT_LENGTH_MODES.contains(mode) ? 4 : 8) + 2 + type.name().length()
                    + length * type.width();
        }
    }

    /**
     * Reads the stored array from {@code stream}, skipping its elements, and returns its length in bytes (headers
     * and data). The element count is compared with {@code expectedCount} before any element is read, so a
     * header that lies costs nothing. Bytes after the array are not read.
     *
     * @throws CountMismatchException if the array is well-formed but holds another number of elements
     * @throws BadArrayException      if it is not a dense floating-point array as Nd4j.write stores one
     */
    static long check(InputStream stream, long expectedCount) throws IOException, BadArrayException {
        DataInputStream in = new DataInputStream(stream);
        try {
            BufferHeader shape = readBufferHeader(in, "shape");
            long[] shapeInfo = readShapeInfo(in, shape);
            BufferHeader data = readBufferHeader(in, "data");
            if (!data.type().isFPType()) {
                throw new BadArrayException("holds " + data.type() + " values; network parameters are floating point");
            }
            checkShape(shapeInfo, data);
            if (data.length() != expectedCount) {
                throw new CountMismatchException(data.length(), expectedCount);
            }
            skipFully(in, data.length() * data.type().width(), data);
            return shape.bytes() + data.bytes();
        } catch (EOFException e) {
            throw new BadArrayException("is truncated or not an ND4J array: it ends inside a buffer's header or data");
        } catch (UTFDataFormatException e) {
            throw new BadArrayException("is not an ND4J array: a buffer header is not text where one should be");
        }
    }

    private static long[] readShapeInfo(DataInputStream in, BufferHeader header) throws IOException, BadArrayException {
        if (header.type() != DataType.LONG && header.type() != DataType.INT) {
            throw new BadArrayException("is not an ND4J array: its shape buffer holds " + header.type() + " values");
        }
        if (header.length() < SHAPE_INFO_FIELDS || header.length() > 2 * MAX_RANK + SHAPE_INFO_FIELDS) {
            throw new BadArrayException("is not an ND4J array: its shape buffer has " + header.length() + " fields");
        }
        long[] info = new long[(int) header.length()];
        for (int i = 0; i < info.length; i++) {
            info[i] = header.type() == DataType.LONG ? in.readLong() : in.readInt();
        }
        if (info[0] < 0 || info[0] > MAX_RANK || info.length != 2 * info[0] + SHAPE_INFO_FIELDS) {
            throw new BadArrayException("is not an ND4J array: rank " + info[0] + " in a shape buffer of "
                    + info.length + " fields");
        }
        return info;
    }

    private static BufferHeader readBufferHeader(DataInputStream in, String which) throws IOException, BadArrayException {
        AllocationMode mode = parse(AllocationMode.class, in.readUTF(), which + " buffer's allocation mode");
        long length = INT_LENGTH_MODES.contains(mode) ? in.readInt() : in.readLong();
        DataType type = parse(DataType.class, in.readUTF(), which + " buffer's data type");
        if (length < 0) {
            throw new BadArrayException("is not an ND4J array: its " + which + " buffer has length " + length);
        }
        if (type.width() <= 0 || length > Long.MAX_VALUE / type.width()) {
            throw new BadArrayException("is not an ND4J array: its " + which + " buffer holds " + length + " values"
                    + " of type " + type);
        }
        return new BufferHeader(mode, length, type);
    }

    /** The name must be one of the enum's constants; an unknown one is not quoted (it may be any bytes). */
    private static <E extends Enum<E>> E parse(Class<E> type, String name, String what) throws BadArrayException {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        throw new BadArrayException("is not an ND4J array: unknown " + what);
    }

    /** A dense array in c or f order whose shape holds exactly the data buffer's elements, of its type. */
    private static void checkShape(long[] info, BufferHeader data) throws BadArrayException {
        int rank = (int) info[0];
        long elements = 1;
        for (int i = 1; i <= rank; i++) {
            if (info[i] < 0 || (info[i] > 0 && elements > Long.MAX_VALUE / info[i])) {
                throw new BadArrayException("is not an ND4J array: dimension " + info[i] + " in its shape");
            }
            elements *= info[i];
        }
        if (elements != data.length()) {
            throw new BadArrayException("is damaged: its shape holds " + elements + " values, its data buffer "
                    + data.length());
        }
        long extras = info[2 * rank + 1];
        long elementWiseStride = info[2 * rank + 2];
        long order = info[2 * rank + 3];
        if (extras != ArrayOptionsHelper.setOptionBit(0L, data.type())) {
            throw new BadArrayException("is damaged: its shape's type flags do not say " + data.type());
        }
        boolean dense = (order == C_ORDER || order == F_ORDER) && elementWiseStride == 1
                && contiguous(info, rank, order == C_ORDER);
        if (!dense) {
            throw new BadArrayException("is damaged: its strides and order do not describe a dense array");
        }
    }

    /** Strides as a dense array of this shape has them (a dimension of size 1 may have any stride). */
    private static boolean contiguous(long[] info, int rank, boolean cOrder) {
        long expected = 1;
        for (int k = 0; k < rank; k++) {
            int d = cOrder ? rank - k : k + 1;
            long size = info[d];
            if (size != 1 && info[rank + d] != expected) {
                return false;
            }
            expected *= size;
        }
        return true;
    }

    private static void skipFully(DataInputStream in, long bytes, BufferHeader data) throws IOException, BadArrayException {
        byte[] chunk = new byte[8192];
        for (long left = bytes; left > 0; ) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                throw new BadArrayException("is truncated: its header describes " + data.length() + " " + data.type()
                        + " values (" + bytes + " bytes), " + (bytes - left) + " bytes follow it");
            }
            left -= n;
        }
    }
}
