package org.bnn4j.runtime.format;

import org.bnn4j.runtime.BnnFormatException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Writes a {@link ModelSpec} as a file ({@code docs/FORMAT.md}) of the oldest format version that can express it:
 * version 1 unless an op needs a later one (a grouped convolution needs version 2), so that older readers read
 * every model they could. The spec is validated first: an invalid model is never written.
 *
 * <pre>{@code
 * ModelWriter.write(spec, Path.of("model.bnn"));
 * }</pre>
 */
public final class ModelWriter {
    private final PayloadWriter out = new PayloadWriter();
    private final int version;
    private long tensorBytes;

    private ModelWriter(int version) {
        this.version = version;
    }

    /** @throws IllegalArgumentException if the spec breaks a rule of the format (the message says which) */
    public static EncodedModel encode(ModelSpec spec) {
        try {
            ModelValidator.validate(spec);
        } catch (BnnFormatException e) {
            throw new IllegalArgumentException("cannot write an invalid model: " + e.getMessage(), e);
        }
        return new ModelWriter(versionFor(spec)).encodeValid(spec);
    }

    public static byte[] toBytes(ModelSpec spec) {
        return encode(spec).bytes();
    }

    public static EncodedModel write(ModelSpec spec, Path file) throws IOException {
        EncodedModel encoded = encode(spec);
        Files.write(file, encoded.bytes());
        return encoded;
    }

    public static EncodedModel write(ModelSpec spec, OutputStream stream) throws IOException {
        EncodedModel encoded = encode(spec);
        stream.write(encoded.bytes());
        return encoded;
    }

    /** The oldest format version that can express every op of the spec. */
    static int versionFor(ModelSpec spec) {
        int version = Format.OLDEST_VERSION;
        for (OpSpec op : spec.ops()) {
            version = Math.max(version, op.minimumFormatVersion());
        }
        return version;
    }

    private EncodedModel encodeValid(ModelSpec spec) {
        out.string(spec.producer());
        ValueShape in = spec.inputShape();
        out.u8(in.rank());
        for (int d : in.dims()) {
            out.u32(d);
        }
        out.u32(spec.ops().size());
        long[] perOp = new long[spec.ops().size()];
        for (int i = 0; i < perOp.length; i++) {
            tensorBytes = 0;
            op(spec.ops().get(i));
            perOp[i] = tensorBytes;
        }
        return new EncodedModel(frame(out.toByteArray()), perOp);
    }

    private byte[] frame(byte[] payload) {
        ByteBuffer file = ByteBuffer.allocate(Format.HEADER_BYTES + payload.length + Format.TRAILER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        file.put(Format.MAGIC).putInt(version).putInt(0).putLong(payload.length).put(payload);
        CRC32 crc = new CRC32();
        crc.update(file.array(), 0, file.position());
        file.putInt((int) crc.getValue());
        return file.array();
    }

    private void op(OpSpec op) {
        out.u8(op.opCode().code());
        out.string(op.name());
        int[] inputs = op.inputs();
        out.u8(inputs.length);
        for (int id : inputs) {
            out.u32(id);
        }
        op.accept(bodies);
    }

    /** Each op's body, the mirror of {@link ModelReader}'s. */
    private final OpSpec.Visitor<Void, RuntimeException> bodies = new OpSpec.Visitor<>() {
        @Override
        public Void linear(LinearSpec l) {
            ModelWriter.this.linear(l);
            return null;
        }

        @Override
        public Void affine(AffineSpec a) {
            out.u32(a.mul().length);
            f32Tensor(a.mul(), a.mul().length);
            f32Tensor(a.add(), a.add().length);
            return null;
        }

        @Override
        public Void activation(ActivationSpec a) {
            out.u8(a.kind().code());
            out.f32(a.a());
            out.f32(a.b());
            return null;
        }

        @Override
        public Void pool(PoolSpec p) {
            out.u8(p.kind().code());
            out.u8(p.divideByValidCount() ? 1 : 0);
            window(p.window());
            return null;
        }

        @Override
        public Void globalPool(GlobalPoolSpec g) {
            out.u8(g.kind().code());
            return null;
        }

        @Override
        public Void add(AddSpec a) {
            return null; // the format gives ADD no body: its inputs are all it has
        }

        @Override
        public Void reshape(ReshapeSpec r) {
            out.u8(r.shape().rank());
            for (int d : r.shape().dims()) {
                out.u32(d);
            }
            return null;
        }

        @Override
        public Void transpose(TransposeSpec t) {
            out.u8(t.axes().length);
            for (int axis : t.axes()) {
                out.u8(axis);
            }
            return null;
        }
    };

    private void linear(LinearSpec l) {
        out.u8(l.inputMode().code());
        out.u8(l.weights().code());
        out.u8(l.stage().code());
        out.u32(l.nOut());
        out.u32(l.nIn());
        if (l.isConvolution()) {
            window(l.window());
            out.u8(l.padValue());
            if (version >= Format.GROUPS_SINCE_VERSION) {
                out.u32(l.groups());
            }
        }
        int[] weightDims = TensorDims.weights(l);
        l.weights().accept(new Weights.Visitor<Void, RuntimeException>() {
            @Override
            public Void float32(Weights.Float32 f) {
                f32Tensor(f.values(), weightDims);
                return null;
            }

            @Override
            public Void binary(Weights.Binary b) {
                bitTensor(b.words(), weightDims);
                return null;
            }

            @Override
            public Void ternary(Weights.Ternary t) {
                bitTensor(t.plus(), weightDims);
                bitTensor(t.minus(), weightDims);
                if (t.scaled()) {
                    float[] scales = new float[2 * l.nOut()];
                    System.arraycopy(t.positiveScales(), 0, scales, 0, l.nOut());
                    System.arraycopy(t.negativeScales(), 0, scales, l.nOut(), l.nOut());
                    f32Tensor(scales, 2, l.nOut());
                }
                return null;
            }
        });
        l.stage().accept(new OutputStage.Visitor<Void, RuntimeException>() {
            @Override
            public Void affine(OutputStage.Affine a) {
                f32Tensor(a.mul(), l.nOut());
                f32Tensor(a.add(), l.nOut());
                return null;
            }

            @Override
            public Void intThresholds(OutputStage.IntThresholds t) {
                header(Format.DTYPE_I32, l.nOut());
                out.ints(t.thresholds());
                tensorBytes += 4L * l.nOut();
                flips(t.flip());
                return null;
            }

            @Override
            public Void floatThresholds(OutputStage.FloatThresholds t) {
                f32Tensor(t.thresholds(), l.nOut());
                flips(t.flip());
                return null;
            }
        });
    }

    private void flips(boolean[] flip) {
        bitTensor(BitPacking.packRows(flip, 1, flip.length), BitPacking.words(flip.length));
    }

    private void window(Window w) {
        int[] fields = {w.kernelHeight(), w.kernelWidth(), w.strideHeight(), w.strideWidth(), w.dilationHeight(),
                w.dilationWidth(), w.padTop(), w.padBottom(), w.padLeft(), w.padRight()};
        for (int f : fields) {
            out.u16(f);
        }
    }

    private void f32Tensor(float[] data, int... dims) {
        header(Format.DTYPE_F32, dims);
        out.floats(data);
        tensorBytes += 4L * data.length;
    }

    private void bitTensor(long[] words, int... dims) {
        header(Format.DTYPE_BITS, dims);
        out.longs(words);
        tensorBytes += 8L * words.length;
    }

    private void header(int dtype, int... dims) {
        out.u8(dtype);
        out.u8(dims.length);
        for (int d : dims) {
            out.u32(d);
        }
    }
}
