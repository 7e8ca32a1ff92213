package org.bnn4j.zoo.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip file (RFC 1952) of one or more members and fails on anything else. Unlike
 * {@link java.util.zip.GZIPInputStream}, which silently ignores bytes after the last member that do not form
 * another one, any such byte is an error here, as trailing bytes are in a raw file. Each member's CRC-32 and
 * length are checked. Corrupt data raises a {@link ZipException}, data that ends too early an
 * {@link EOFException}; the decoder allocates nothing that depends on the file's content.
 */
final class StrictGzipInputStream extends InputStream {
    private static final int MAGIC_1 = 0x1f;
    private static final int MAGIC_2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED_FLAGS = 0xe0;

    private final byte[] buffer = new byte[1 << 16];
    private final PushbackInputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** Bytes of {@link #buffer} last handed to the inflater. */
    private int buffered;
    private boolean ended;

    /** Reads the first member's header at once, so a file that is not gzip fails here. */
    StrictGzipInputStream(InputStream compressed) throws IOException {
        in = new PushbackInputStream(compressed, buffer.length);
        readHeader(in.read());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int n = inflate(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsInput()) {
                fill();
            } else {
                // no output, not finished, input left: only a preset dictionary does that, which gzip never uses
                throw new ZipException("the deflate data asks for a preset dictionary");
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }

    private int inflate(byte[] b, int off, int len) throws ZipException {
        try {
            return inflater.inflate(b, off, len);
        } catch (DataFormatException e) {
            throw new ZipException("corrupt deflate data: " + e.getMessage());
        }
    }

    private void fill() throws IOException {
        buffered = in.read(buffer, 0, buffer.length);
        if (buffered < 0) {
            throw new EOFException("the gzip stream ends inside its compressed data");
        }
        inflater.setInput(buffer, 0, buffered);
    }

    /** Checks the member's trailer, then expects the end of the file or the header of another member. */
    private void endMember() throws IOException {
        int unused = inflater.getRemaining();
        if (unused > 0) {
            in.unread(buffer, buffered - unused, unused);
        }
        long storedCrc = readLittleEndianInt();
        long storedLength = readLittleEndianInt();
        if (storedCrc != crc.getValue()) {
            throw new ZipException(String.format("CRC-32 mismatch: the gzip trailer stores %08x, the data gives %08x",
                    storedCrc, crc.getValue()));
        }
        if (storedLength != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("the gzip trailer stores a length of " + storedLength + " bytes, the data has "
                    + inflater.getBytesWritten());
        }
        int next = in.read();
        if (next < 0) {
            ended = true;
            return;
        }
        inflater.reset();
        crc.reset();
        readHeader(next);
    }

    private void readHeader(int first) throws IOException {
        int second = in.read();
        if (first != MAGIC_1 || second != MAGIC_2) {
            long trailing = (first < 0 ? 0 : 1) + (second < 0 ? 0 : 1) + countRest();
            throw new ZipException(trailing + " bytes that are not gzip data follow the end of the gzip stream");
        }
        if (readByte() != DEFLATE) {
            throw new ZipException("gzip member with a compression method other than deflate");
        }
        int flags = readByte();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new ZipException(String.format("gzip header with reserved flag bits set (flags 0x%02x)", flags));
        }
        skipFully(6); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            skipFully(readByte() | readByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skipFully(2);
        }
    }

    /** Reads to the end, counting (skip() may stop early or run past the end, depending on the stream). */
    private long countRest() throws IOException {
        long count = 0;
        for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
            count += n;
        }
        return count;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the gzip stream ends inside a member's header or trailer");
        }
        return b;
    }

    private long readLittleEndianInt() throws IOException {
        return readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24;
    }

    private void skipFully(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            readByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // a file name or comment: nothing to keep
        }
    }
}
