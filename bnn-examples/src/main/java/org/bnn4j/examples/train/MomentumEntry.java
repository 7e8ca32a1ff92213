package org.bnn4j.examples.train;

import org.bnn4j.examples.cli.ModelFileException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deep Frank-Wolfe's momentum buffers as one checkpoint entry, so that {@code train --resume} of a DFW run continues
 * with the momentum it had. A small fixed format, read without Java deserialization and checked whole: magic, version,
 * count, then per buffer its name, shape and float32 values; anything else (truncated, too long, impossible shapes) is a
 * {@link ModelFileException} naming the file.
 *
 * <pre>{@code
 * byte[] entry = MomentumEntry.encode(dfw.momentumState());
 * Map<String, INDArray> back = MomentumEntry.decode(entry, checkpointFile);
 * }</pre>
 */
final class MomentumEntry {
    /** The entry's name inside the checkpoint zip. */
    static final String NAME = "bnn4j-dfw-momentum.bin";
    private static final int MAGIC = 0x44465731; // "DFW1"
    private static final int VERSION = 1;
    private static final int MAX_RANK = 8;

    private MomentumEntry() {
    }

    static byte[] encode(Map<String, INDArray> buffers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(buffers.size());
            for (Map.Entry<String, INDArray> e : new TreeMap<>(buffers).entrySet()) {
                long[] shape = e.getValue().shape();
                out.writeUTF(e.getKey());
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                for (float v : e.getValue().castTo(DataType.FLOAT).dup('c').reshape(-1).toFloatVector()) {
                    out.writeFloat(v);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    static Map<String, INDArray> decode(byte[] entry, Path file) {
        Map<String, INDArray> buffers = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry))) {
            if (in.readInt() != MAGIC) {
                throw damaged(file, "it does not start as one");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw damaged(file, "version " + version + ", this bnn4j reads version " + VERSION);
            }
            int count = in.readInt();
            if (count < 0 || count > entry.length) {
                throw damaged(file, "it claims " + count + " buffers");
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 1 || rank > MAX_RANK) {
                    throw damaged(file, name + " has rank " + rank);
                }
                long[] shape = new long[rank];
                long length = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                    if (shape[d] < 1 || length > entry.length / 4 / shape[d]) { // more values than bytes left: a lie
                        throw damaged(file, name + " has an impossible shape");
                    }
                    length *= shape[d];
                }
                float[] values = new float[(int) length];
                for (int v = 0; v < values.length; v++) {
                    values[v] = in.readFloat();
                }
                if (buffers.put(name, Nd4j.create(values, shape, 'c')) != null) {
                    throw damaged(file, name + " appears twice");
                }
            }
            if (in.read() != -1) {
                throw damaged(file, "bytes follow its last buffer");
            }
        } catch (EOFException e) {
            throw damaged(file, "it is truncated");
        } catch (IOException e) {
            throw damaged(file, e.toString());
        }
        return buffers;
    }

    private static ModelFileException damaged(Path file, String problem) {
        return new ModelFileException(file, "its Deep Frank-Wolfe momentum (" + NAME + ") is damaged: " + problem);
    }
}
