package org.bnn4j.runtime.format;

import org.bnn4j.runtime.BnnFormatException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads a model file of format version 1, 2 or 3 ({@code docs/FORMAT.md}) into a {@link ModelSpec}: header, then the
 * whole payload and its CRC-32, which must match before any of the payload is interpreted, then the ops, then
 * {@link ModelValidator}. Memory grows only with bytes actually read, so a header that claims a huge payload
 * cannot make it allocate more than the stream holds; every count is checked against the bytes left before
 * anything is allocated for it.
 *
 * <pre>{@code
 * ModelSpec spec = ModelReader.read(Path.of("model.bnn"));
 * }</pre>
 */
public final class ModelReader {
    private static final int CHUNK = 1 << 20;

    private final int version;
    private PayloadReader in;
    private int opIndex;
    private String opName;

    private ModelReader(int version) {
        this.version = version;
    }

    public static ModelSpec read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (BnnFormatException e) {
            throw new BnnFormatException(file + ": " + e.getMessage(), e);
        }
    }

    public static ModelSpec read(byte[] file) throws BnnFormatException {
        try {
            return read(new ByteArrayInputStream(file));
        } catch (BnnFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }

    /** Reads one model, which must end where the stream ends. Does not close the stream. */
    public static ModelSpec read(InputStream stream) throws IOException {
        byte[] header = stream.readNBytes(Format.HEADER_BYTES);
        long payloadLength = checkHeader(header);
        byte[] payload = readPayload(stream, payloadLength);
        byte[] trailer = stream.readNBytes(Format.TRAILER_BYTES);
        if (trailer.length < Format.TRAILER_BYTES) {
            throw new BnnFormatException("truncated file: the checksum after the payload is missing");
        }
        if (stream.read() != -1) {
            throw new BnnFormatException("the file continues after the checksum: a header says payload length "
                    + payloadLength + ", the file is longer");
        }
        CRC32 crc = new CRC32();
        crc.update(header);
        crc.update(payload);
        long stored = ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        if (stored != crc.getValue()) {
            throw new BnnFormatException(String.format("checksum mismatch: the file stores CRC-32 %08x, its contents "
                    + "give %08x; the file is corrupt", stored, crc.getValue()));
        }
        ModelSpec spec = new ModelReader(version(header)).parse(payload);
        ModelValidator.validate(spec);
        return spec;
    }

    private static long checkHeader(byte[] header) throws BnnFormatException {
        if (header.length < Format.MAGIC.length
                || !Arrays.equals(Arrays.copyOf(header, Format.MAGIC.length), Format.MAGIC)) {
            throw new BnnFormatException("not a bnn4j model file: it does not start with the magic bytes "
                    + "89 42 4E 4E 34 4A 0D 0A (\"\\x89BNN4J\\r\\n\")");
        }
        if (header.length < Format.HEADER_BYTES) {
            throw new BnnFormatException("truncated file: the header needs " + Format.HEADER_BYTES + " bytes, the file has "
                    + header.length);
        }
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long version = b.getInt(8) & 0xFFFFFFFFL;
        if (version < Format.OLDEST_VERSION || version > Format.VERSION) {
            throw new BnnFormatException("format version " + version + (version > Format.VERSION
                    ? " is newer than this runtime reads (version " + Format.VERSION + "); upgrade bnn4j"
                    : " is not a valid version (this runtime reads versions " + Format.OLDEST_VERSION + " to "
                    + Format.VERSION + ")"));
        }
        int flags = b.getInt(12);
        if (flags != 0) {
            throw new BnnFormatException(String.format("unknown header flags %08x: version %d defines none",
                    flags, version));
        }
        long payloadLength = b.getLong(16);
        if (payloadLength < 0 || payloadLength > Format.MAX_PAYLOAD_BYTES) {
            throw new BnnFormatException("the header's payload length " + Long.toUnsignedString(payloadLength)
                    + " exceeds the limit of " + Format.MAX_PAYLOAD_BYTES + " bytes");
        }
        return payloadLength;
    }

    /** The version field of a header {@link #checkHeader} accepted. */
    private static int version(byte[] header) {
        return ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
    }

    /** Reads exactly {@code length} bytes, growing the buffer only as bytes arrive. */
    private static byte[] readPayload(InputStream stream, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(length, CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
            int n = stream.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new BnnFormatException("truncated file: the header says the payload has " + length
                        + " bytes, the file ends after " + filled);
            }
            filled += n;
        }
        return buffer;
    }

    private ModelSpec parse(byte[] payload) throws BnnFormatException {
        in = new PayloadReader(payload, Format.HEADER_BYTES);
        String producer = in.string("producer");
        ValueShape inputShape = shape("model input");
        int opCount = in.u32("op count", 1, Format.MAX_OPS);
        List<OpSpec> ops = new ArrayList<>();
        for (opIndex = 0; opIndex < opCount; opIndex++) {
            opName = null;
            ops.add(op());
        }
        if (in.remaining() != 0) {
            throw new BnnFormatException(in.remaining() + " unused bytes after the last op at file offset "
                    + in.position());
        }
        return new ModelSpec(producer, inputShape, ops);
    }

    private OpSpec op() throws BnnFormatException {
        int code = in.u8(where("opcode"));
        OpCode opCode = OpCode.fromCode(code);
        if (opCode == null || opCode.sinceVersion() > version) {
            throw new BnnFormatException(where("opcode") + " " + code + " is not an op of format version " + version);
        }
        opName = in.string(where("name"));
        int inputCount = in.u8(where("input count"));
        if (!opCode.acceptsInputs(inputCount)) {
            throw new BnnFormatException(where("input count") + " is " + inputCount + "; " + opCode + " takes "
                    + opCode.arity());
        }
        int[] inputs = new int[inputCount];
        for (int i = 0; i < inputCount; i++) {
            inputs[i] = in.u32(where("input value id"), 0, Format.MAX_OPS);
        }
        // Exhaustive over OpCode (no default): a new op does not compile until it can be read.
        return switch (opCode) {
            case DENSE, CONV2D -> linear(inputs[0], opCode == OpCode.CONV2D);
            case AFFINE -> affine(inputs[0]);
            case ACTIVATION -> activation(inputs[0]);
            case POOL2D -> pool(inputs[0]);
            case GLOBAL_POOL -> new GlobalPoolSpec(opName, inputs[0], coded(PoolKind.values(), "pool kind"));
            case ADD -> new AddSpec(opName, inputs);
            case RESHAPE -> new ReshapeSpec(opName, inputs[0], shape(where("reshape target")));
            case TRANSPOSE -> new TransposeSpec(opName, inputs[0], axes());
        };
    }

    private LinearSpec linear(int input, boolean convolution) throws BnnFormatException {
        InputMode mode = coded(InputMode.values(), "input mode");
        Weights.Kind weightKind = coded(Weights.Kind.values(), "weight kind");
        OutputStage.Kind stageKind = coded(OutputStage.Kind.values(), "output stage");
        int nOut = in.u32(where("nOut"), 1, Integer.MAX_VALUE);
        int nIn = in.u32(where("nIn"), 1, Integer.MAX_VALUE);
        Window window = convolution ? window() : null;
        int padValue = convolution ? in.i8(where("pad value")) : 0;
        int groups = convolution && version >= Format.GROUPS_SINCE_VERSION
                ? in.u32(where("groups"), 1, Integer.MAX_VALUE) : 1;
        String groupsError = ModelValidator.groupsError(nOut, nIn, groups, convolution);
        if (groupsError != null) { // before the weights, whose dims depend on nIn / groups
            throw new BnnFormatException(where(groupsError));
        }
        Weights weights = weights(weightKind, nOut, nIn / groups, window);
        OutputStage stage = switch (stageKind) {
            case AFFINE -> new OutputStage.Affine(floats("affine mul", nOut), floats("affine add", nOut));
            case THRESHOLD -> thresholds(nOut);
        };
        return new LinearSpec(opName, input, mode, nOut, nIn, window, padValue, weights, stage, groups);
    }

    private Weights weights(Weights.Kind kind, int nOut, int rowChannels, Window window) throws BnnFormatException {
        int[] dims = TensorDims.weights(nOut, rowChannels, window, kind.bitPlanes());
        return switch (kind) {
            case FLOAT32 -> new Weights.Float32(floats("float weights", dims));
            case BINARY -> new Weights.Binary(bits("binary weights", dims));
            case TERNARY -> new Weights.Ternary(bits("ternary plus plane", dims), bits("ternary minus plane", dims));
            case TERNARY_SCALED -> {
                long[] plus = bits("ternary plus plane", dims);
                long[] minus = bits("ternary minus plane", dims);
                float[] scales = floats("ternary scales", 2, nOut);
                yield new Weights.Ternary(plus, minus, Arrays.copyOfRange(scales, 0, nOut),
                        Arrays.copyOfRange(scales, nOut, 2 * nOut));
            }
        };
    }

    private OutputStage thresholds(int nOut) throws BnnFormatException {
        int dtype = in.u8(where("thresholds dtype"));
        if (dtype != Format.DTYPE_I32 && dtype != Format.DTYPE_F32) {
            throw new BnnFormatException(where("thresholds") + ": dtype " + dtype + " is not 1 (f32) or 2 (i32)");
        }
        long count = dims("thresholds", nOut);
        String what = where("thresholds");
        if (dtype == Format.DTYPE_I32) {
            int[] t = in.ints(count, what);
            return new OutputStage.IntThresholds(t, flips(nOut));
        }
        float[] t = in.floats(count, what);
        return new OutputStage.FloatThresholds(t, flips(nOut));
    }

    private boolean[] flips(int nOut) throws BnnFormatException {
        long[] words = bits("threshold flips", BitPacking.words(nOut));
        if (BitPacking.firstRowWithPadBits(words, nOut) >= 0) {
            throw new BnnFormatException(where("threshold flips") + ": pad bits past channel " + nOut + " must be 0");
        }
        boolean[] flip = new boolean[nOut];
        for (int o = 0; o < nOut; o++) {
            flip[o] = BitPacking.getBit(words, 0, o);
        }
        return flip;
    }

    private AffineSpec affine(int input) throws BnnFormatException {
        int channels = in.u32(where("channels"), 1, Integer.MAX_VALUE);
        return new AffineSpec(opName, input, floats("mul", channels), floats("add", channels));
    }

    private ActivationSpec activation(int input) throws BnnFormatException {
        ActivationKind kind = coded(ActivationKind.values(), "activation kind");
        return new ActivationSpec(opName, input, kind, in.f32(where("parameter a")), in.f32(where("parameter b")));
    }

    private PoolSpec pool(int input) throws BnnFormatException {
        PoolKind kind = coded(PoolKind.values(), "pool kind");
        int divisor = in.u8(where("avg divisor"));
        if (divisor > 1) {
            throw new BnnFormatException(where("avg divisor") + " " + divisor + " is not 0 or 1");
        }
        return new PoolSpec(opName, input, kind, window(), divisor == 1);
    }

    private Window window() throws BnnFormatException {
        int[] f = new int[10];
        for (int i = 0; i < f.length; i++) {
            f[i] = in.u16(where("window"));
        }
        return new Window(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
    }

    /** TRANSPOSE's body: a count, then that many axis indices (the validator checks they permute the input). */
    private int[] axes() throws BnnFormatException {
        int count = in.u8(where("axis count"));
        int[] axes = new int[count];
        for (int i = 0; i < count; i++) {
            axes[i] = in.u8(where("axis"));
        }
        return axes;
    }

    private ValueShape shape(String what) throws BnnFormatException {
        int rank = in.u8(what + " rank");
        if (rank != 1 && rank != 3) {
            throw new BnnFormatException(what + ": rank " + rank + " is not 1 (vector) or 3 (image)");
        }
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            d[i] = in.u32(what + " dimension", 1, Format.MAX_VALUE_ELEMENTS);
        }
        return rank == 1 ? ValueShape.vector(d[0]) : ValueShape.image(d[0], d[1], d[2]);
    }

    private float[] floats(String what, int... dims) throws BnnFormatException {
        return in.floats(tensor(Format.DTYPE_F32, what, dims), where(what));
    }

    private long[] bits(String what, int... dims) throws BnnFormatException {
        return in.longs(tensor(Format.DTYPE_BITS, what, dims), where(what));
    }

    /** Reads a tensor header, checks it against what the op prescribes and returns the element count. */
    private long tensor(int dtype, String what, int... expected) throws BnnFormatException {
        int actual = in.u8(where(what + " dtype"));
        if (actual != dtype) {
            throw new BnnFormatException(where(what) + ": dtype " + actual + ", expected " + dtype);
        }
        return dims(what, expected);
    }

    private long dims(String what, int... expected) throws BnnFormatException {
        int rank = in.u8(where(what + " rank"));
        if (rank != expected.length) {
            throw new BnnFormatException(where(what) + ": rank " + rank + ", expected " + expected.length
                    + " " + Arrays.toString(expected));
        }
        long count = 1;
        for (int i = 0; i < rank; i++) {
            int d = in.u32(where(what + " dimension"), 0, Integer.MAX_VALUE);
            if (d != expected[i]) {
                throw new BnnFormatException(where(what) + ": dimension " + i + " is " + d + ", expected "
                        + Arrays.toString(expected));
            }
            count *= d;
            if (count > Integer.MAX_VALUE - 8) {
                throw new BnnFormatException(where(what) + ": " + Arrays.toString(expected) + " is too large");
            }
        }
        return count;
    }

    /** Reads a one-byte code and returns its constant among {@code values}. */
    private <E extends Coded> E coded(E[] values, String what) throws BnnFormatException {
        int code = in.u8(where(what));
        E decoded = Coded.find(values, code);
        if (decoded == null) {
            throw new BnnFormatException(where(what) + " " + code + " is an unknown code; valid: "
                    + Coded.list(values));
        }
        return decoded;
    }

    private String where(String what) {
        return "op " + opIndex + (opName == null ? "" : " '" + opName + "'") + ": " + what;
    }
}
