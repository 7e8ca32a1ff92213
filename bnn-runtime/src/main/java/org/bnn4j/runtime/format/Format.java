package org.bnn4j.runtime.format;

/**
 * The fixed numbers of the packed model format (see {@code docs/FORMAT.md}): magic, version, header layout,
 * type codes and the limits a reader enforces before it allocates anything.
 *
 * <pre>{@code
 * boolean looksLikeModel = Arrays.equals(Arrays.copyOf(bytes, 8), Format.MAGIC);
 * }</pre>
 */
public final class Format {
    private Format() {
    }

    /** {@code 0x89 'B' 'N' 'N' '4' 'J' '\r' '\n'}: the high byte and the CR LF catch text-mode transfers. */
    public static final byte[] MAGIC = {(byte) 0x89, 'B', 'N', 'N', '4', 'J', 0x0D, 0x0A};
    /** The newest version this code reads and writes. */
    public static final int VERSION = 3;
    /** The oldest version this code reads (and writes, for a model that needs nothing newer). */
    public static final int OLDEST_VERSION = 1;
    /** The version that added CONV2D's groups field (grouped and depthwise convolutions). */
    public static final int GROUPS_SINCE_VERSION = 2;
    /** The version that added the TRANSPOSE op (channels-last image inputs). */
    public static final int TRANSPOSE_SINCE_VERSION = 3;
    /** Magic (8), version (4), flags (4), payload length (8). */
    public static final int HEADER_BYTES = 24;
    /** The CRC-32 after the payload. */
    public static final int TRAILER_BYTES = 4;

    /** Largest payload a reader accepts (it must fit one Java array). */
    public static final long MAX_PAYLOAD_BYTES = Integer.MAX_VALUE - 64;
    /** Longest producer string or op name, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 255;
    public static final int MAX_OPS = 65535;
    public static final int MAX_OP_INPUTS = 255;
    /**
     * Largest number of elements in any value (activation tensor, 256 MiB as float32), so a small file cannot
     * demand huge buffers; the largest activations of ImageNet-sized networks are under 2^23.
     */
    public static final long MAX_VALUE_ELEMENTS = 1L << 26;
    /** Largest reduction length (inputs per output) of a dense or convolution op, so integer sums cannot overflow. */
    public static final long MAX_REDUCTION = 1L << 28;
    /** Largest kernel, stride, dilation or padding along one axis. */
    public static final int MAX_WINDOW = 65535;
    /**
     * Largest number of taps {@code kH * kW} of a window (two 16-bit fields could make 2^32, past an int); a
     * convolution's taps are also bounded by {@link #MAX_REDUCTION}.
     */
    public static final long MAX_WINDOW_TAPS = 1L << 28;

    public static final int DTYPE_F32 = 1;
    public static final int DTYPE_I32 = 2;
    public static final int DTYPE_BITS = 3;
}
